// The national bodies' store, for the functions that name it (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoNationalStore } from '#adapters/dynamodb/national-store';
import type { Config } from '#lib/config';

export const national = (cfg: Config, dynamo: DynamoClients) => dynamoNationalStore(dynamo, cfg.tableName);
