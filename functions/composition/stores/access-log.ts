// The access log (ADR 0404). `accessLog`, for the functions that answer a named person: entries go to the function's
// own log stream (the journal) and its pages are read from the table; the stack subscribes the writer to the log
// groups of the functions that use it. `accessLogWriter`, for the writer alone: appends to the log's own
// partitions (keys.accessLogPartitions), nothing more. One store a module, so a function bundles only its own.
import { dynamoAccessLogPages, dynamoAccessLogWriter } from '#adapters/dynamodb/access-log-store';
import { logStreamJournal } from '#adapters/access-journal/log-stream';
import { DISTINCT_READS_CAP } from '#domain/personal-data';
import { granting } from '../types.ts';

export const accessLog = granting(['journalAccessLog'], (cfg, dynamo) => ({
  ...logStreamJournal(),
  ...dynamoAccessLogPages(dynamo, cfg.tableName),
}));

export const accessLogWriter = granting(['appendAccessLog'], (cfg, dynamo) =>
  dynamoAccessLogWriter(dynamo, cfg.tableName, { distinctReportsCap: DISTINCT_READS_CAP }),
);
