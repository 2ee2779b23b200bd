// The access log, for the functions that answer a named person (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoAccessLog } from '#adapters/dynamodb/access-log-store';
import { ACCESS_LOG_RETENTION_SECONDS, DISTINCT_READS_CAP } from '#domain/personal-data';
import type { Config } from '../config.ts';

export const accessLog = (cfg: Config, dynamo: DynamoClients) =>
  dynamoAccessLog(dynamo, cfg.tableName, { retentionSeconds: ACCESS_LOG_RETENTION_SECONDS, distinctReportsCap: DISTINCT_READS_CAP });
