// The directory store (OPDs, contacts, settings), for the functions that name it (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoDirectoryStore } from '#adapters/dynamodb/directory-store';
import type { Config } from '#lib/config';

export const directory = (cfg: Config, dynamo: DynamoClients) => dynamoDirectoryStore(dynamo, cfg.tableName);
