// Powertools idempotency for POST /v1/ceremonies's Idempotency-Key header, kept in the one table. (A report is
// its own idempotency record: functions/http/submit-report.ts.)
// Only the functions that import this bundle Powertools idempotency.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { DynamoClients } from '#adapters/dynamodb/client';
import { isUnavailable } from '#support/faults';
import { config } from './config.ts';

type Middleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

/** Keyed by region and header, so two regions may use the same key; no header, no idempotency. A retry
 *  with another body is refused (422); one still running answers 409 with Retry-After. Made on the first request,
 *  with the function's DynamoDB clients then (a handler builds nothing when imported). */
export function idempotentByHeader(dynamo: () => DynamoClients, scope: string): Middleware {
  let made: Middleware | undefined;
  const middleware = () => (made ??= idempotency(dynamo(), scope));
  return {
    before: (request) => middleware().before?.(request),
    after: (request) => middleware().after?.(request),
    onError: (request) => middleware().onError?.(request),
  };
}

function idempotency(dynamo: DynamoClients, scope: string): Middleware {
  const idempotent = makeHandlerIdempotent({
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: config().tableName,
      keyAttr: 'PK',
      sortKeyAttr: 'SK',
      staticPkValue: `IDEMPOTENCY#${scope}`,
      awsSdkV3Client: dynamo.client,
    }),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'headers."idempotency-key" && [requestContext.authorizer.regionId, headers."idempotency-key"]',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 3600,
    }),
  }) as Middleware;
  return {
    ...idempotent,
    // A database that goes away while the handler runs fails the handler and then Powertools' clean-up of the key's
    // in-progress record; its error, thrown from onError, ended middy's chain before the problem handler: a 500
    // (the soak found it, docs/soak.md). The handler's own error stands (503 for the outage); the record runs out with
    // the function's time, and a retry before that answers 409 with Retry-After.
    onError: async (request) => {
      try {
        await idempotent.onError?.(request);
      } catch (error) {
        if (!isUnavailable((error as { originalError?: unknown }).originalError ?? error)) throw error;
      }
    },
  };
}
