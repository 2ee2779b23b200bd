// Local mode's adapters: every DynamoDB store (one process serves every function), the file outbox, the
// in-process workflow runner, a file link secret and a file master key for reporters' identities.
// Importing this module registers them (and reads no configuration); local entry points (npm start,
// the admin command, tests, benchmarks) import it, and no Lambda bundle ever does.
import { registerLocalAdapters, type LocalAdapters } from '../../functions/composition/local-slot.ts';
import { logger } from '../../functions/lib/powertools.ts';
import { outboxMailer } from '../../functions/adapters/outbox/mailer.ts';
import { LocalWorkflowRunner, type LocalRunnerOptions } from '../../functions/adapters/local-workflow/runner.ts';
import { fileLinkSecret } from '../../functions/adapters/secrets/link-secret.ts';
import { envelopeSeal } from '../../functions/adapters/seal/envelope.ts';
import { fileMasterKey, masterKeyDataKeys } from '../../functions/adapters/seal/file-keys.ts';
import { accessLog } from '../../functions/composition/stores/access-log.ts';
import { ceremonies } from '../../functions/composition/stores/ceremonies.ts';
import { decisions } from '../../functions/composition/stores/decisions.ts';
import { directory } from '../../functions/composition/stores/directory.ts';
import { keys } from '../../functions/composition/stores/keys.ts';
import { mails } from '../../functions/composition/email-views.ts';
import { regions } from '../../functions/composition/stores/regions.ts';
import { reports } from '../../functions/composition/stores/reports.ts';
import { satgas } from '../../functions/composition/stores/satgas.ts';
import { national } from '../../functions/composition/stores/national.ts';
import { webhooks } from '../../functions/composition/webhook-sender.ts';
import type { WorkflowEvents } from './console.ts';
import { faultyOutbox } from './mail-faults.ts';

/** The local adapters; the benchmarks pass runner options (to time each step's invocation), `npm start` its console's
 *  events and, under the soak, the file of its e-mail fault hook. */
export function localAdaptersWith(runnerOptions: Partial<LocalRunnerOptions> = {}, events?: WorkflowEvents, faults: { faultsFile?: string } = {}): LocalAdapters {
  return (base, cfg) => {
    // Local mode's config always has these (config.ts gives them local defaults).
    const dataDir = cfg.dataDir!;
    const written = outboxMailer({ dataDir, sender: cfg.senderEmail! });
    const outbox = faults.faultsFile ? faultyOutbox(written, faults.faultsFile) : written;
    const runner = new LocalWorkflowRunner({
      dataDir,
      timeScale: cfg.workflowTimeScale,
      onError: (message, error) => logger.error(message, { error: error as Error }),
      ...runnerOptions,
    });
    const links = { baseUrl: cfg.baseUrl!, secret: fileLinkSecret(dataDir) };
    const { dynamo } = base;
    const stores = {
      regions: regions(cfg, dynamo), keys: keys(cfg, dynamo), directory: directory(cfg, dynamo), reports: reports(cfg, dynamo),
      decisions: decisions(cfg, dynamo), ceremonies: ceremonies(cfg, dynamo), satgas: satgas(cfg, dynamo), national: national(cfg, dynamo), webhooks: webhooks(cfg), mails: mails(),
      accessLog: accessLog(cfg, dynamo),
      // The reporter's master key: a file under the data directory, as the link secret is.
      seal: envelopeSeal(masterKeyDataKeys(fileMasterKey(dataDir))),
    };
    if (!events) return { ...stores, mailer: outbox, workflow: runner, links, local: { outbox, runner } };
    return { ...stores, mailer: events.mailer(outbox), reports: events.reports(stores.reports), workflow: runner, links, local: { outbox, runner } };
  };
}

registerLocalAdapters(localAdaptersWith());
