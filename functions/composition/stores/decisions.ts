// The decision store (a link's record), for the functions that name it (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoDecisionStore } from '#adapters/dynamodb/decision-store';
import type { Config } from '#lib/config';

export const decisions = (cfg: Config, dynamo: DynamoClients) => dynamoDecisionStore(dynamo, cfg.tableName);
