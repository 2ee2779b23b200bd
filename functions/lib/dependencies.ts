// The one place that chooses adapters: DynamoDB everywhere (DynamoDB Local in local mode); Step Functions,
// SES and Secrets Manager in AWS; the local workflow runner, the file outbox and a file secret locally.
// The local ones are handed in by infra/local/adapters.ts, so no Lambda bundle carries them.
import type { Dependencies, DecisionLinks, Mailer, Workflow } from '#ports';
import { createDynamoClients, type DynamoClients } from '#adapters/dynamodb/client';
import { attachMeter } from '#adapters/dynamodb/meter';
import { dynamoDecisionStore } from '#adapters/dynamodb/decision-store';
import { dynamoDirectoryStore } from '#adapters/dynamodb/directory-store';
import { dynamoKeyStore, dynamoRegionStore } from '#adapters/dynamodb/region-store';
import { dynamoReportStore } from '#adapters/dynamodb/report-store';
import { sesMailer } from '#adapters/ses/mailer';
import type { Outbox } from '#adapters/outbox/mailer';
import { sfnWorkflow } from '#adapters/sfn/workflow';
import type { LocalWorkflowRunner } from '#adapters/local-workflow/runner';
import { fetchWebhookSender } from '#adapters/webhook/sender';
import { secretsManagerLinkSecret } from '#adapters/secrets/link-secret';
import { config, required, type Config } from './config.ts';
import { localAdapters } from './local-adapters.ts';
import { logger, tracer } from './powertools.ts';

export type RuntimeDependencies = Dependencies & {
  dynamo: DynamoClients;
  /** Local mode only: the outbox and the workflow runner, for the local server and the tests. */
  local?: { outbox: Outbox; runner: LocalWorkflowRunner };
};

export function buildDependencies(cfg: Config = config): RuntimeDependencies {
  const dynamo = createDynamoClients({ endpoint: cfg.dynamoEndpoint, region: cfg.region, local: cfg.mode === 'local' });
  if (cfg.meter) attachMeter(dynamo.client);
  tracer.captureAWSv3Client(dynamo.client);
  const base = {
    dynamo,
    clock: { now: () => new Date() },
    regions: dynamoRegionStore(dynamo, cfg.tableName),
    keys: dynamoKeyStore(dynamo, cfg.tableName),
    directory: dynamoDirectoryStore(dynamo, cfg.tableName),
    reports: dynamoReportStore(dynamo, cfg.tableName),
    decisions: dynamoDecisionStore(dynamo, cfg.tableName),
    webhooks: fetchWebhookSender(),
    log: logger,
  };

  if (cfg.mode === 'local') {
    return { ...base, ...localAdapters()(base, cfg) };
  }

  // In AWS each function needs only some of these; each is built (and its settings checked) on first use.
  let mailer: Mailer | undefined;
  let workflow: Workflow | undefined;
  let links: DecisionLinks | undefined;
  return {
    ...base,
    get mailer() {
      if (!mailer) {
        const ses = sesMailer({ region: cfg.region, ...{ sender: required(cfg, 'senderEmail').senderEmail } });
        tracer.captureAWSv3Client(ses.client);
        mailer = ses;
      }
      return mailer;
    },
    get workflow() {
      if (!workflow) {
        const sfn = sfnWorkflow({ region: cfg.region, stateMachineArn: required(cfg, 'stateMachineArn').stateMachineArn });
        tracer.captureAWSv3Client(sfn.client);
        workflow = sfn;
      }
      return workflow;
    },
    get links() {
      if (!links) {
        const { baseUrl, linkSecretArn } = required(cfg, 'baseUrl', 'linkSecretArn');
        links = { baseUrl, secret: secretsManagerLinkSecret(linkSecretArn) };
      }
      return links;
    },
  };
}

let built: RuntimeDependencies | undefined;
/** The runtime's dependencies, built on first use and kept for the life of the runtime. */
export function dependencies(): RuntimeDependencies {
  built ??= buildDependencies();
  return built;
}
