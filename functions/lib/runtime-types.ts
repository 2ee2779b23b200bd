// The runtime's dependency types, shared by dependencies.ts and the slot for local adapters, so neither imports the other.
import type { Dependencies } from '#ports';
import type { DynamoClients } from '#adapters/dynamodb/client';
import type { Outbox } from '#adapters/outbox/mailer';
import type { LocalWorkflowRunner } from '#adapters/local-workflow/runner';
import type { Config } from './config.ts';

export type RuntimeDependencies = Dependencies & {
  dynamo: DynamoClients;
  /** Local mode only: the outbox and the workflow runner, for the local server and the tests. */
  local?: { outbox: Outbox; runner: LocalWorkflowRunner };
};

/** What every function has without naming it: the DynamoDB clients, the clock, the logger, the sent-mark retrier. */
export type Base = Pick<RuntimeDependencies, 'dynamo' | 'clock' | 'log' | 'markSent'>;
/** What a function names in dependencies({ ... }): a store, the webhook sender, the e-mail views or an AWS adapter. */
export type Named = Exclude<keyof RuntimeDependencies, keyof Base | 'local'>;
/** How a named dependency is made: from the configuration and the runtime's DynamoDB clients (see stores/, aws/). */
export type Adapters = { [K in Named]?: (cfg: Config, dynamo: DynamoClients) => RuntimeDependencies[K] };

/** Builds local mode's dependencies beyond the base: every store, the outbox, the workflow runner and the links
 *  (one process serves every function there). */
export type LocalAdapters = (base: Base, cfg: Config) => Omit<RuntimeDependencies, keyof Base>;
