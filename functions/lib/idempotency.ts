// Powertools idempotency for POST /v1/ceremonies's Idempotency-Key header, kept in the one table. (A report is
// its own idempotency record: functions/http/submit-report.ts.)
// Only the functions that import this bundle Powertools idempotency.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { DynamoClients } from '#adapters/dynamodb/client';
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
  return makeHandlerIdempotent({
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
}
