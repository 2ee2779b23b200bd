// Powertools idempotency for POST routes that honour an Idempotency-Key header, kept in the one table.
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { HandlerOptions } from './http.ts';
import { config } from './config.ts';
import type { DynamoClients } from '#adapters/dynamodb/client';

/** Keyed by region and header, so two regions may use the same key; no header, no idempotency. */
export function idempotencyByHeader(dynamo: DynamoClients, scope: string): NonNullable<HandlerOptions['idempotency']> {
  return {
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
  };
}
