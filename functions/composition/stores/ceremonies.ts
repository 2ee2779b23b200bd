// The ceremony store and its signature writer, for the ceremony functions (one store a module, so a function bundles only its own).
import type { DynamoClients } from '#adapters/dynamodb/client';
import { dynamoCeremonyStore } from '#adapters/dynamodb/ceremony-store';
import type { Config } from '#lib/config';

export const ceremonies = (cfg: Config, dynamo: DynamoClients) => dynamoCeremonyStore(dynamo, cfg.tableName, cfg.signatureWriter);
