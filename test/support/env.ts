// Runs before each test file: points the handlers at DynamoDB Local and a fresh table of the file's own.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/tables.ts';

const tableName = `netra-test-${randomUUID()}`;
Object.assign(process.env, {
  NETRA_MODE: 'local',
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'ap-southeast-3',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
await ensureTable(client, tableName);
client.destroy();
