// Claims on sends about a report, for the functions that name them.
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoSendClaims } from '#adapters/dynamodb/send-claims';
import type { Config } from '#lib/config';

export const claims = (cfg: Config, dynamo: DynamoClients) => dynamoSendClaims(dynamo, cfg.tableName);
