// The chain every workflow step function uses: tracer, logger, metrics, then the step's input checked with zod.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { STEP_CODES } from '#domain/workflow';
import { logger, metrics, tracer } from './powertools.ts';

/** The input every step gets from the state machine: which report. */
export const ReportRef = z.object({ regionId: z.string().min(1), reportId: z.string().min(1) });
export const StepRef = ReportRef.extend({ step: z.enum(STEP_CODES) });

export type StepFunction = (event: unknown, context: Context) => Promise<unknown>;

export function stepHandler<S extends z.ZodType, R>(schema: S, fn: (input: z.output<S>) => Promise<R>): StepFunction {
  return middy<unknown, R>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const input = schema.parse(event);
      const { regionId, reportId, step } = input as { regionId?: string; reportId?: string; step?: string };
      logger.appendKeys({ regionId, reportId, step });
      metrics.addMetric('WorkflowSteps', MetricUnit.Count, 1);
      return fn(input);
    }) as unknown as StepFunction;
}
