// The access log, for the functions that answer a named person (one store a module, so a function bundles only its
// own). Its entries are written beside a read: a function that only reads the table is granted appends to the log's
// own partitions (keys.accessLogPartitions), nothing more.
import { dynamoAccessLog } from '#adapters/dynamodb/access-log-store';
import { ACCESS_LOG_RETENTION_SECONDS, DISTINCT_READS_CAP } from '#domain/personal-data';
import { granting } from '../types.ts';

export const accessLog = granting(['appendAccessLog'], (cfg, dynamo) =>
  dynamoAccessLog(dynamo, cfg.tableName, { retentionSeconds: ACCESS_LOG_RETENTION_SECONDS, distinctReportsCap: DISTINCT_READS_CAP }),
);
