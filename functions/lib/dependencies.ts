// The one place that chooses adapters: DynamoDB everywhere (DynamoDB Local in local mode); Step Functions,
// SES and Secrets Manager in AWS; the local workflow runner, the file outbox and a file secret locally.
// The local ones are handed in by infra/local/adapters.ts, so no Lambda bundle carries them.
import type { DecisionLinks, Mailer, Workflow } from '#ports';
import { createDynamoClients } from '#adapters/dynamodb/client';
import { attachMeter } from '#adapters/dynamodb/meter';
import { dynamoDecisionStore } from '#adapters/dynamodb/decision-store';
import { dynamoDirectoryStore } from '#adapters/dynamodb/directory-store';
import { dynamoKeyStore, dynamoRegionStore } from '#adapters/dynamodb/region-store';
import { dynamoReportStore } from '#adapters/dynamodb/report-store';
import { webhookSender } from '#adapters/webhook/sender';
import { dynamoCeremonyStore } from '#adapters/dynamodb/ceremony-store';
import { dynamoSatgasStore } from '#adapters/dynamodb/satgas-store';
import { config, type Config } from './config.ts';
import { localAdapters } from './local-adapters.ts';
import type { RuntimeDependencies } from './runtime-types.ts';
import { logger } from './powertools.ts';
import { markSentRetrier } from './mark-sent.ts';
import { DYNAMO_CLIENT } from './time-budget.ts';
import { mails } from '#views/emails';

export type { RuntimeDependencies };

/** The AWS adapters a function uses beyond DynamoDB, named by its handler (see functions/lib/aws/):
 *  a function bundles only the SDK clients it names, and infra/needs.ts grants it only those services. */
export interface AwsAdapters {
  mailer?: (cfg: Config) => Mailer;
  workflow?: (cfg: Config) => Workflow;
  links?: (cfg: Config) => DecisionLinks;
}

export function buildDependencies(cfg: Config = config, aws: AwsAdapters = {}): RuntimeDependencies {
  const dynamo = createDynamoClients({ endpoint: cfg.dynamoEndpoint, region: cfg.region, local: cfg.mode === 'local' });
  if (cfg.meter) attachMeter(dynamo.client);
  const base = {
    dynamo,
    clock: { now: () => new Date() },
    regions: dynamoRegionStore(dynamo, cfg.tableName),
    keys: dynamoKeyStore(dynamo, cfg.tableName),
    directory: dynamoDirectoryStore(dynamo, cfg.tableName),
    reports: dynamoReportStore(dynamo, cfg.tableName, { listIndexes: cfg.listIndexes }),
    decisions: dynamoDecisionStore(dynamo, cfg.tableName),
    ceremonies: dynamoCeremonyStore(dynamo, cfg.tableName, cfg.signatureWriter),
    satgas: dynamoSatgasStore(dynamo, cfg.tableName),
    webhooks: webhookSender(cfg.webhooks),
    mails,
    log: logger,
    markSent: markSentRetrier({
      timeouts: DYNAMO_CLIENT[cfg.mode === 'local' ? 'local' : 'aws'],
      onRetry: (error, attempt, delayMs) => logger.warn('sent; its mark is retried', { attempt, delayMs, error: (error as Error)?.name }),
    }),
  };

  if (cfg.mode === 'local') {
    return { ...base, ...localAdapters()(base, cfg) };
  }

  // Each adapter is built, and its settings checked, on first use.
  const made: { mailer?: Mailer; workflow?: Workflow; links?: DecisionLinks } = {};
  function adapter<K extends keyof AwsAdapters>(name: K): NonNullable<(typeof made)[K]> {
    const make = aws[name];
    if (!make) throw new Error(`this function was not given the ${name} adapter: name it in its handler's dependencies({ ... })`);
    made[name] ??= make(cfg) as never;
    return made[name] as NonNullable<(typeof made)[K]>;
  }
  return {
    ...base,
    get mailer() {
      return adapter('mailer');
    },
    get workflow() {
      return adapter('workflow');
    },
    get links() {
      return adapter('links');
    },
  };
}

let built: RuntimeDependencies | undefined;
/** The runtime's dependencies, built on first use and kept for the life of the runtime. In local mode
 *  every adapter is the local one and `aws` is not used. */
export function dependencies(aws: AwsAdapters = {}): RuntimeDependencies {
  built ??= buildDependencies(config, aws);
  return built;
}
