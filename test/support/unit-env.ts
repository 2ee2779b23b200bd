// Runs before each file of the `unit` project: the settings lib/config.ts reads when it is imported, in local
// mode, with no DynamoDB Local behind them. A unit test that reached for the database would meet a closed port
// and fail, never quietly pass.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

Object.assign(process.env, {
  NETRA_DATA_DIR: mkdtempSync(join(tmpdir(), 'netra-unit-')),
  BASE_URL: 'http://127.0.0.1:9',
  NETRA_MODE: 'local',
  TABLE_NAME: 'netra-unit',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
