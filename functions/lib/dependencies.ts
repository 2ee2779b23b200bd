// The one place that builds a function's dependencies. A handler names the stores and adapters it uses
// (`dependencies({ reports, regions, mailer: ses })`, from stores/ and aws/, one a module), so its bundle carries
// those and no others, and each is built on first use. DynamoDB everywhere (DynamoDB Local in local mode); Step
// Functions, SES and Secrets Manager in AWS. Local mode's are handed in by infra/local/adapters.ts (every store,
// the workflow runner, the file outbox and a file secret: one process serves every function), so no Lambda bundle
// carries them.
import { createDynamoClients } from '#adapters/dynamodb/client';
import { attachMeter } from '#adapters/dynamodb/meter';
import { config, type Config } from './config.ts';
import { localAdapters } from './local-adapters.ts';
import type { Adapters, Base, Named, RuntimeDependencies } from './runtime-types.ts';
import { logger } from './powertools.ts';
import { markSentRetrier } from './mark-sent.ts';
import { DYNAMO_CLIENT } from './time-budget.ts';

export type { Adapters, RuntimeDependencies };

/** A function's dependencies, as its handler sees them: the base and the stores, webhooks and e-mail views it named.
 *  The AWS adapters are always in the type, as before: the workflow steps share one wide type of dependencies, and
 *  reaching one not named throws (test/infra/wiring.test.ts holds the names to what the stack grants). */
export type NamedDependencies<A extends Adapters> = Pick<RuntimeDependencies, keyof Base | 'mailer' | 'workflow' | 'links' | (keyof A & Named)>;

/** Every name a function may give; each becomes a property that builds its dependency on first use. */
const NAMES: Record<Named, true> = {
  regions: true, keys: true, directory: true, reports: true, decisions: true, ceremonies: true, satgas: true,
  webhooks: true, mails: true, mailer: true, workflow: true, links: true,
};

export function buildDependencies(cfg: Config = config(), adapters: Adapters = {}): RuntimeDependencies {
  const dynamo = createDynamoClients({ endpoint: cfg.dynamoEndpoint, region: cfg.region, local: cfg.mode === 'local' });
  if (cfg.meter) attachMeter(dynamo.client);
  const base: Base = {
    dynamo,
    clock: { now: () => new Date() },
    log: logger,
    markSent: markSentRetrier({
      timeouts: DYNAMO_CLIENT[cfg.mode === 'local' ? 'local' : 'aws'],
      onRetry: (error, attempt, delayMs) => logger.warn('sent; its mark is retried', { attempt, delayMs, error: (error as Error)?.name }),
    }),
  };

  if (cfg.mode === 'local') {
    return { ...base, ...localAdapters()(base, cfg) };
  }

  // Each named dependency is built, and its settings checked, on first use; one not named throws when reached.
  const made: Partial<RuntimeDependencies> = {};
  const deps = { ...base };
  for (const name of Object.keys(NAMES) as Named[]) {
    const make = adapters[name];
    Object.defineProperty(deps, name, {
      enumerable: true,
      get() {
        if (!make) throw new Error(`this function was not given the ${name} adapter: name it in its handler's dependencies({ ... })`);
        return (made[name] ??= make(cfg, dynamo) as never);
      },
    });
  }
  return deps as RuntimeDependencies;
}

let built: RuntimeDependencies | undefined;
const runtime = (adapters?: Adapters) => (built ??= buildDependencies(config(), adapters));

/** Every property of the runtime's dependencies: the base, each name, and local mode's extras. */
const KEYS: (keyof RuntimeDependencies)[] = ['dynamo', 'clock', 'log', 'markSent', ...(Object.keys(NAMES) as Named[]), 'local'];

/** The runtime's dependencies, kept for the life of the runtime. A handler names what it uses and gets them on first
 *  use: nothing (configuration, clients) is read or built when it is imported, so the route table, the local server
 *  and the stack can import every endpoint. In local mode every dependency is the local one and the names are not
 *  used; a local entry point (the server, the tests, the admin command) asks for all of them at once. */
export function dependencies(): RuntimeDependencies;
export function dependencies<A extends Adapters>(adapters: A): NamedDependencies<A>;
export function dependencies(adapters?: Adapters): RuntimeDependencies {
  if (!adapters) {
    if (config().mode !== 'local') throw new Error('a deployed function names what it uses: dependencies({ ... })');
    return runtime();
  }
  const deps = {} as RuntimeDependencies;
  for (const key of KEYS) Object.defineProperty(deps, key, { enumerable: true, get: () => runtime(adapters)[key] });
  return deps;
}
