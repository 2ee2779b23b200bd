// The chain every workflow step function uses: logger, then the step's input checked with zod, run under the
// invocation's deadline.
// (No custom metrics: Lambda's and Step Functions' own metrics count steps, failures and executions.)
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod/mini';
// Input errors carry netra's bilingual messages, as the routes' (lib/parse-request.ts imports it the same way).
import '#domain/zod-messages';
import { STEP_CODES } from '#domain/workflow';
import { logger } from './powertools.ts';
import { withDeadline } from './mark-sent.ts';

/** The input every step gets from the state machine: which report. */
export const ReportRef = z.object({ regionId: z.string().check(z.minLength(1)), reportId: z.string().check(z.minLength(1)) });
export const StepRef = z.extend(ReportRef, { step: z.enum(STEP_CODES) });

export type StepFunction = (event: unknown, context: Context) => Promise<unknown>;

export function stepHandler<S extends z.core.$ZodType, R>(schema: S, fn: (input: z.output<S>) => Promise<R>): StepFunction {
  return middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      const input = z.parse(schema, event);
      const { regionId, reportId, step } = input as { regionId?: string; reportId?: string; step?: string };
      logger.appendKeys({ regionId, reportId, step });
      // Lambda (or the local runner) stops the function then: a mark after a send is retried until shortly before.
      return withDeadline(Date.now() + context.getRemainingTimeInMillis(), () => fn(input));
    }) as unknown as StepFunction;
}
