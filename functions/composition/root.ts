// The composition root: the one place that builds a function's dependencies, and the one place that chooses AWS or
// local adapters (by NETRA_MODE). A function declares what it uses once (`export const needs = { table: 'read',
// uses: { reports, regions } }`, from stores/ and aws/, one a module) and gets them from `dependencies(needs)`, so
// its bundle carries those and no others, and each is built on first use; the stack grants it what the same
// declaration needs (infra/needs.ts). DynamoDB everywhere (DynamoDB Local in local mode); Step Functions, SES,
// Secrets Manager and KMS in AWS; local mode's own adapters (local.ts: every store, the workflow runner, the file
// outbox, file keys) in one process that serves every function. Nothing registers anything first (ADR 0103): a local entry
// point sets NETRA_MODE=local, and may wrap what was built (`wrapLocal`: npm start's console, the benchmarks).
import { createDynamoClients } from '#adapters/dynamodb/client';
import { attachMeter } from '#adapters/dynamodb/meter';
import { config, type Config } from '#lib/config';
import { localAdapters } from '#composition/local';
import type { Adapters, Base, Named, RuntimeDependencies } from './types.ts';
import type { Needs } from './needs.ts';
import { logger } from '#lib/powertools';
import { markSentRetrier } from '#lib/mark-sent';
import { DYNAMO_CLIENT } from '#support/time-budget';

export type { Adapters, RuntimeDependencies };


/** A function's dependencies, as its handler sees them: the base and the stores, webhooks and e-mail views it named.
 *  The AWS adapters are always in the type, as before: the workflow steps share one wide type of dependencies, and
 *  reaching one not declared throws (the stack grants only what the declaration needs). */
export type NamedDependencies<A extends Adapters> = Pick<RuntimeDependencies, keyof Base | 'mailer' | 'workflow' | 'links' | (keyof A & Named)>;

/** Every name a function may give; each becomes a property that builds its dependency on first use. */
const NAMES: Record<Named, true> = {
  regions: true, keys: true, directory: true, reports: true, reportQueries: true, digests: true, claims: true, failedNotices: true, decisions: true, ceremonies: true, satgas: true, national: true,
  webhooks: true, mails: true, mailer: true, workflow: true, links: true, seal: true, accessLog: true, accessLogWriter: true,
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

  // In a Lambda bundle `#composition/local` is local-in-lambda.ts (package.json "imports", esbuild's netra-lambda
  // condition): it throws, and no bundle carries the runner, the outbox or the file keys.
  if (cfg.mode === 'local') return { ...base, ...localAdapters(base, cfg) };

  // Each named dependency is built, and its settings checked, on first use; one not named throws when reached.
  const made: Partial<RuntimeDependencies> = {};
  const deps = { ...base };
  for (const name of Object.keys(NAMES) as Named[]) {
    const make = adapters[name];
    Object.defineProperty(deps, name, {
      enumerable: true,
      get() {
        if (!make) throw new Error(`this function was not given the ${name} adapter: name it in its declaration (export const needs = { ..., uses: { ${name} } })`);
        return (made[name] ??= make(cfg, dynamo) as never);
      },
    });
  }
  return deps as RuntimeDependencies;
}

let built: RuntimeDependencies | undefined;
const runtime = (needs?: Needs) => (built ??= buildDependencies(config(), needs?.uses));

/** Every property of the runtime's dependencies: the base, each name, and local mode's extras. */
const KEYS: (keyof RuntimeDependencies)[] = ['dynamo', 'clock', 'log', 'markSent', ...(Object.keys(NAMES) as Named[]), 'local'];

/** The runtime's dependencies, kept for the life of the runtime. A function's module declares what it uses and gets
 *  them on first use: nothing (configuration, clients) is read or built when it is imported, so the route table, the
 *  local server and the stack can import every function. In local mode every dependency is the local one and the names are not
 *  used; a local entry point (the server, the tests, the admin command) asks for all of them at once. */
export function dependencies(): RuntimeDependencies;
export function dependencies<A extends Adapters>(needs: Needs<A>): NamedDependencies<A>;
export function dependencies(needs?: Needs): RuntimeDependencies {
  if (!needs) {
    if (config().mode !== 'local') throw new Error('a deployed function declares what it uses: dependencies(needs)');
    return runtime();
  }
  const deps = {} as RuntimeDependencies;
  for (const key of KEYS) Object.defineProperty(deps, key, { enumerable: true, get: () => runtime(needs)[key] });
  return deps;
}

/** Local mode only: wraps some of what the root built (npm start prints report moves and e-mails, the benchmarks
 *  time and switch things). Handlers reach their dependencies through the runtime on every use, so a wrap applies
 *  from the moment it is made, whatever was imported or invoked before. Answers the dependencies now in force. */
export function wrapLocal(wrap: (built: RuntimeDependencies) => Partial<RuntimeDependencies>): RuntimeDependencies {
  const deps = dependencies();
  return Object.assign(deps, wrap({ ...deps }));
}
