// The API key store, for the authorizer (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoKeyStore } from '#adapters/dynamodb/region-store';
import type { Config } from '#lib/config';

export const keys = (cfg: Config, dynamo: DynamoClients) => dynamoKeyStore(dynamo, cfg.tableName);
