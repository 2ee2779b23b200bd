// The reads across reports (lists, pages, counters), for the functions that name them.
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoReportQueries } from '#adapters/dynamodb/report-queries';
import type { Config } from '#lib/config';

export const reportQueries = (cfg: Config, dynamo: DynamoClients) => dynamoReportQueries(dynamo, cfg.tableName, { listIndexes: cfg.listIndexes });
