// POST /v1/reports: store a report as RECEIVED; Idempotency-Key makes retries return the same report.
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { config } from '#lib/config';
import { dependencies } from '#lib/dependencies';
import { stepFunctions } from '#lib/aws/step-functions';
import { submitReport } from '#use-cases/reports';
import { routes } from './routes.ts';

const deps = dependencies({ workflow: stepFunctions });

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName: config.tableName,
  keyAttr: 'PK',
  sortKeyAttr: 'SK',
  staticPkValue: 'IDEMPOTENCY',
  awsSdkV3Client: deps.dynamo.client,
});

export const handler = httpHandler(
  routes.submitReport,
  async ({ regionId, body, headers }) => {
    const report = await submitReport(deps, { regionId, body, idempotencyKey: headers['idempotency-key'] });
    return json(202, { id: report.id, receiptCode: report.receiptCode, status: report.status });
  },
  {
    middlewares: [
      makeHandlerIdempotent({
        persistenceStore,
        config: new IdempotencyConfig({
          // Keyed by region and header, so two regions can use the same key; no header, no idempotency.
          eventKeyJmesPath: 'headers."idempotency-key" && [requestContext.authorizer.regionId, headers."idempotency-key"]',
          payloadValidationJmesPath: 'body',
          expiresAfterSeconds: 24 * 3600,
        }),
      }) as MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>,
    ],
  },
);
