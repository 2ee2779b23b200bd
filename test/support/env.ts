// Runs before each test file: points the handlers at DynamoDB Local and a fresh table of the file's own.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/tables.ts';
import { freePort } from '../../infra/local/dynamodb.ts';

const tableName = `netra-test-${randomUUID()}`;

// A free port for this file's test server, known before the handlers load, so e-mailed links point at it.
const port = await freePort();

Object.assign(process.env, {
  NETRA_DATA_DIR: mkdtempSync(join(tmpdir(), 'netra-test-')),
  NETRA_TEST_PORT: String(port),
  BASE_URL: `http://127.0.0.1:${port}`,
  NETRA_MODE: 'local',
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'ap-southeast-3',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
await ensureTable(client, tableName);
client.destroy();
