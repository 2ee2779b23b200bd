// The failed Bawaslu notices' marks, for the functions that name them.
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoFailedNotices } from '#adapters/dynamodb/failed-notices';
import type { Config } from '#lib/config';

export const failedNotices = (cfg: Config, dynamo: DynamoClients) => dynamoFailedNotices(dynamo, cfg.tableName);
