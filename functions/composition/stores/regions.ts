// The region store, for the functions that declare it (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoRegionStore } from '#adapters/dynamodb/region-store';
import type { Config } from '#lib/config';

export const regions = (cfg: Config, dynamo: DynamoClients) => dynamoRegionStore(dynamo, cfg.tableName);
