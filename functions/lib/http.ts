// The one middleware chain every HTTP function uses, in one order: logger, metrics,
// problem+json errors, request parsing and zod validation, then idempotency where a route asks for it.
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from './powertools.ts';
import { parseRequest } from './parse-request.ts';
import { toProblem } from './problem-of.ts';
import type { Input, ParsedEvent, Route } from './route.ts';

/** Any error answered as problem+json, or as a page on the routes for people; counted as a client or server error. */
function problemJson(errorPage: HandlerOptions['errorPage']): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      request.response = errorPage ? errorPage(request.error) : toProblem(request.error);
      const status = request.response.statusCode;
      metrics.addMetric(status >= 500 ? 'ServerErrors' : 'ClientErrors', MetricUnit.Count, 1);
    },
  };
}

export interface HandlerOptions {
  /** Middlewares that run after the request is parsed (Powertools idempotency for Idempotency-Key). */
  middlewares?: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[];
  /** The routes for people (html: true) answer errors as pages: their handlers give toHtmlProblem
   *  (lib/problem-page.ts), so only they bundle the pages. */
  errorPage?: (error: unknown) => APIGatewayProxyResult;
}

export type HttpFunction = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export function httpHandler<R extends Route>(
  route: R,
  fn: (input: Input<R>, event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>,
  options: HandlerOptions = {},
): HttpFunction {
  if (Boolean(route.html) !== Boolean(options.errorPage)) {
    throw new Error(`${route.operationId}: a route for people (html: true), and only one, answers its errors as pages: { errorPage: toHtmlProblem }`);
  }
  let chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(problemJson(options.errorPage))
    .use(parseRequest(route));
  for (const middleware of options.middlewares ?? []) chain = chain.use(middleware);
  const handler = chain.handler(async (event, context) => {
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    return fn((event as ParsedEvent<R>).netra, event, context);
  });
  return handler as unknown as HttpFunction;
}
