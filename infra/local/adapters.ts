// Local mode's adapters: the file outbox, the in-process workflow runner and a file link secret.
// Importing this module registers them (and reads no configuration); local entry points (npm start,
// the admin command, tests, benchmarks) import it, and no Lambda bundle ever does.
import { registerLocalAdapters, type LocalAdapters } from '../../functions/lib/local-adapters.ts';
import { logger } from '../../functions/lib/powertools.ts';
import { outboxMailer } from '../../functions/adapters/outbox/mailer.ts';
import { LocalWorkflowRunner, type LocalRunnerOptions } from '../../functions/adapters/local-workflow/runner.ts';
import { fileLinkSecret } from '../../functions/adapters/secrets/link-secret.ts';
import type { WorkflowEvents } from './console.ts';

/** The local adapters; the benchmarks pass runner options (to time each step's invocation), `npm start` its console's events. */
export function localAdaptersWith(runnerOptions: Partial<LocalRunnerOptions> = {}, events?: WorkflowEvents): LocalAdapters {
  return (base, cfg) => {
    // Local mode's config always has these (config.ts gives them local defaults).
    const dataDir = cfg.dataDir!;
    const outbox = outboxMailer({ dataDir, sender: cfg.senderEmail! });
    const runner = new LocalWorkflowRunner({
      dataDir,
      timeScale: cfg.workflowTimeScale,
      onError: (message, error) => logger.error(message, { error: error as Error }),
      ...runnerOptions,
    });
    const links = { baseUrl: cfg.baseUrl!, secret: fileLinkSecret(dataDir) };
    if (!events) return { mailer: outbox, workflow: runner, links, local: { outbox, runner } };
    return { mailer: events.mailer(outbox), reports: events.reports(base.reports), workflow: runner, links, local: { outbox, runner } };
  };
}

registerLocalAdapters(localAdaptersWith());
