// The runtime's dependency types, shared by the composition root, the declarations and the adapters' factories.
import type { Dependencies } from '#ports';
import type { DynamoClients } from '#adapters/dynamodb/client';
import type { Outbox } from '#adapters/outbox/mailer';
import type { LocalWorkflowRunner } from '#adapters/local-workflow/runner';
import type { FileJournal } from '#adapters/access-journal/file-journal';
import type { Config } from '#lib/config';

export type RuntimeDependencies = Dependencies & {
  dynamo: DynamoClients;
  /** Local mode only: the outbox, the workflow runner and the access log's journal, for the local server and the tests. */
  local?: { outbox: Outbox; runner: LocalWorkflowRunner; accessJournal: FileJournal };
};

/** What every function has without naming it: the DynamoDB clients, the clock, the logger, the sent-mark retrier. */
export type Base = Pick<RuntimeDependencies, 'dynamo' | 'clock' | 'log' | 'markSent'>;
/** What a function names in its declaration (`uses`): a store, the webhook sender, the e-mail views or an AWS adapter. */
export type Named = Exclude<keyof RuntimeDependencies, keyof Base | 'local'>;
/** A permission that an adapter needs beyond the table access its function declares; the adapter's factory carries
 *  it (see aws/, and stores/access-log.ts: a function that answers a named person journals its reads, which the stack
 *  wires to the access log's writer). */
export type Grant =
  | 'appendAccessLog' | 'journalAccessLog' | 'startExecution' | 'resumeExecution' | 'repairExecution' | 'linkSecret' | 'sendEmail' | 'sealReporter' | 'unsealReporter';

/** How a dependency is made: from the configuration and the runtime's DynamoDB clients (see stores/, aws/); an AWS
 *  adapter's factory also names the permissions it needs beyond the table. */
export type Factory<T> = ((cfg: Config, dynamo: DynamoClients) => T) & { readonly grants?: readonly Grant[] };
/** What a function names in its declaration, by the name its handler reaches it under. */
export type Adapters = { [K in Named]?: Factory<RuntimeDependencies[K]> };

/** A factory with the permissions its adapter needs. */
export function granting<T>(grants: readonly Grant[], make: (cfg: Config, dynamo: DynamoClients) => T): Factory<T> {
  return Object.assign(make, { grants });
}
