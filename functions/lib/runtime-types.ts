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

type Base = Omit<RuntimeDependencies, 'mailer' | 'workflow' | 'links' | 'local'>;
/** Builds local mode's mailer, workflow, links and stand-ins from the DynamoDB-backed rest; it may also wrap the
 *  report store (the local console's event lines). */
export type LocalAdapters = (base: Base, cfg: Config) => Pick<RuntimeDependencies, 'mailer' | 'workflow' | 'links' | 'local'> & Partial<Pick<RuntimeDependencies, 'reports'>>;
