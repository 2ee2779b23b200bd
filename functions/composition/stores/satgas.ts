// The Satgas store (task forces, activities, risks), for the functions that name it (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoSatgasStore } from '#adapters/dynamodb/satgas-store';
import type { Config } from '#lib/config';

export const satgas = (cfg: Config, dynamo: DynamoClients) => dynamoSatgasStore(dynamo, cfg.tableName);
