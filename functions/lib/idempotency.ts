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

/** Keyed by region and header, so two regions may use the same key; no header, no idempotency. A retry
 *  with another body is refused (422); one still running answers 409 with Retry-After. */
export function idempotentByHeader(dynamo: DynamoClients, scope: string): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return makeHandlerIdempotent({
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: config.tableName,
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
  }) as MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;
}
