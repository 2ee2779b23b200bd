// The one place that chooses adapters: DynamoDB everywhere, pointed at DynamoDB Local in local mode.
import type { Dependencies } from '#ports';
import { createDynamoClients, type DynamoClients } from '#adapters/dynamodb/client';
import { dynamoDirectoryStore } from '#adapters/dynamodb/directory-store';
import { dynamoKeyStore, dynamoRegionStore } from '#adapters/dynamodb/region-store';
import { dynamoReportStore } from '#adapters/dynamodb/report-store';
import { dynamoCeremonyStore } from '#adapters/dynamodb/ceremony-store';
import { config, type Config } from './config.ts';
import { tracer } from './powertools.ts';

export function buildDependencies(cfg: Config = config): Dependencies & { dynamo: DynamoClients } {
  const dynamo = createDynamoClients({ endpoint: cfg.dynamoEndpoint, region: cfg.region, local: cfg.mode === 'local' });
  tracer.captureAWSv3Client(dynamo.client);
  return {
    dynamo,
    clock: { now: () => new Date() },
    regions: dynamoRegionStore(dynamo, cfg.tableName),
    keys: dynamoKeyStore(dynamo, cfg.tableName),
    directory: dynamoDirectoryStore(dynamo, cfg.tableName),
    reports: dynamoReportStore(dynamo, cfg.tableName),
    ceremonies: dynamoCeremonyStore(dynamo, cfg.tableName),
  };
}

let built: ReturnType<typeof buildDependencies> | undefined;
/** The runtime's dependencies, built on first use and kept for the life of the runtime. */
export function dependencies() {
  built ??= buildDependencies();
  return built;
}
