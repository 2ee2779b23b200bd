// The daily digest's once-per-day marks, for the functions that name them.
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoDigestMarks } from '#adapters/dynamodb/digest-marks';
import type { Config } from '#lib/config';

export const digests = (cfg: Config, dynamo: DynamoClients) => dynamoDigestMarks(dynamo, cfg.tableName);
