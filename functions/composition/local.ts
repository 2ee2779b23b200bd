// Local mode's adapters, chosen by the composition root when NETRA_MODE=local: every DynamoDB store (one process
// serves every function), the file outbox (failing on cue under the soak), the in-process workflow runner, a file
// link secret and a file master key for reporters' identities. No Lambda bundle carries this module: the root
// reaches it only in a branch that bundles define away (see root.ts).
import { outboxMailer } from '#adapters/outbox/mailer';
import { faultyOutbox } from '#adapters/outbox/mail-faults';
import { LocalWorkflowRunner } from '#adapters/local-workflow/runner';
import { fileLinkSecret } from '#adapters/secrets/link-secret';
import { envelopeSeal } from '#adapters/seal/envelope';
import { fileMasterKey, masterKeyDataKeys } from '#adapters/seal/file-keys';
import type { Config } from '#lib/config';
import { logger } from '#lib/powertools';
import { dynamoAccessLogPages, dynamoAccessLogWriter } from '#adapters/dynamodb/access-log-store';
import { fileAccessJournal } from '#adapters/access-journal/file-journal';
import { DISTINCT_READS_CAP } from '#domain/personal-data';
import { writeJournalled } from '#lib/access-log';
import { join } from 'node:path';
import { ceremonies } from './stores/ceremonies.ts';
import { decisions } from './stores/decisions.ts';
import { directory } from './stores/directory.ts';
import { keys } from './stores/keys.ts';
import { national } from './stores/national.ts';
import { regions } from './stores/regions.ts';
import { reports } from './stores/reports.ts';
import { reportQueries } from './stores/report-queries.ts';
import { digests } from './stores/digests.ts';
import { claims } from './stores/claims.ts';
import { failedNotices } from './stores/failed-notices.ts';
import { satgas } from './stores/satgas.ts';
import { mails } from './email-views.ts';
import { webhooks } from './webhook-sender.ts';
import type { Base, RuntimeDependencies } from './types.ts';

/** Every dependency beyond the base, local mode's own. */
export function localAdapters(base: Base, cfg: Config): Omit<RuntimeDependencies, keyof Base> {
  // Local mode's config always has these (config.ts gives them local defaults).
  const dataDir = cfg.dataDir!;
  const written = outboxMailer({ dataDir, sender: cfg.senderEmail! });
  const outbox = cfg.localFaultsFile ? faultyOutbox(written, cfg.localFaultsFile) : written;
  const runner = new LocalWorkflowRunner({
    dataDir,
    timeScale: cfg.workflowTimeScale,
    onError: (message, error) => logger.error(message, { error: error as Error }),
  });
  const { dynamo } = base;
  const directoryStore = directory(cfg, dynamo);
  // The access log's journal: a file per runtime, drained into the table behind the answers (ADR 0404). A list of
  // the log waits for the drain, so a local answer lists the reads made just before it.
  const accessLogWriter = dynamoAccessLogWriter(dynamo, cfg.tableName, { distinctReportsCap: DISTINCT_READS_CAP });
  const accessJournal = fileAccessJournal({
    dir: join(dataDir, 'access-journal'),
    drain: async (values) => void (await writeJournalled({ accessLogWriter, directory: directoryStore }, values)),
    onError: (error, pending) => logger.warn('access log entries not written yet; kept in the journal and tried again', { pending, error: error as Error }),
  });
  const pages = dynamoAccessLogPages(dynamo, cfg.tableName);
  const drained = () => accessJournal.flush().catch(() => undefined); // the read goes on; the drain is tried again
  return {
    regions: regions(cfg, dynamo), keys: keys(cfg, dynamo), directory: directoryStore, reports: reports(cfg, dynamo),
    reportQueries: reportQueries(cfg, dynamo), digests: digests(cfg, dynamo), claims: claims(cfg, dynamo), failedNotices: failedNotices(cfg, dynamo),
    decisions: decisions(cfg, dynamo), ceremonies: ceremonies(cfg, dynamo), satgas: satgas(cfg, dynamo), national: national(cfg, dynamo),
    accessLog: {
      record: accessJournal.record,
      ofReport: async (...args) => (await drained(), pages.ofReport(...args)),
      ofPerson: async (...args) => (await drained(), pages.ofPerson(...args)),
    },
    accessLogWriter,
    webhooks: webhooks(cfg), mails: mails(),
    mailer: outbox,
    workflow: runner,
    links: { baseUrl: cfg.baseUrl!, secret: fileLinkSecret(dataDir) },
    // The reporter's master key: a file under the data directory, as the link secret is.
    seal: envelopeSeal(masterKeyDataKeys(fileMasterKey(dataDir))),
    local: { outbox, runner, accessJournal },
  };
}
