// The report repository, for the functions that name it (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoReportStore } from '#adapters/dynamodb/report-store';
import type { Config } from '#lib/config';

export const reports = (cfg: Config, dynamo: DynamoClients) => dynamoReportStore(dynamo, cfg.tableName);
