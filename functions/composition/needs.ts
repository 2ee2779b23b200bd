// What a function uses, declared once in its own module (`export const needs`): the composition root builds
// exactly those dependencies, and the stack grants exactly what they need (infra/needs.ts reads the same object).
import type { Adapters, Grant } from './types.ts';

export type { Grant };

/** What a function may do with the table; `none` still gets TABLE_NAME, since config.ts requires it everywhere. */
export type TableAccess = 'none' | 'read' | 'readwrite';

/** A function's declaration: its table access and the stores and adapters it uses. */
export interface Needs<A extends Adapters = Adapters> {
  table: TableAccess;
  uses: A;
}

/** What the stack grants a function, read from its declaration. */
export interface Grants {
  table: TableAccess;
  /** states:StartExecution on the sanction state machine. */
  startExecution?: true;
  /** states:SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on the sanction state machine. */
  resumeExecution?: true;
  /** states:DescribeExecution / RedriveExecution on the sanction state machine's executions (repairs). */
  repairExecution?: true;
  /** secretsmanager:GetSecretValue on the key that signs decision links. */
  linkSecret?: true;
  /** ses:SendEmail / ses:SendRawEmail from the sender address through the configured identity. */
  sendEmail?: true;
  /** dynamodb:PutItem / UpdateItem / BatchWriteItem on the access log's partitions alone (the log's writer). */
  appendAccessLog?: true;
  /** Its log group subscribed to the access log's writer: its answers naming a person journal their reads there. */
  journalAccessLog?: true;
  /** The reporter key (KMS): `seal` may only make data keys (kms:GenerateDataKey), `unseal` only open them (kms:Decrypt). */
  reporterKey?: 'seal' | 'unseal';
}

/** The grants of a declaration: its table access and each used adapter's own grants (a function that writes the
 *  table needs no separate grant to append to the access log). */
export function grantsOf(needs: Needs): Grants {
  const grants: Grants = { table: needs.table };
  const asked = new Set<Grant>(Object.values(needs.uses).flatMap((factory) => factory?.grants ?? []));
  if (asked.has('sealReporter') && asked.has('unsealReporter')) throw new Error('a function either seals reporters or unseals them, not both');
  for (const grant of asked) {
    if (grant === 'sealReporter') grants.reporterKey = 'seal';
    else if (grant === 'unsealReporter') grants.reporterKey = 'unseal';
    else if (grant !== 'appendAccessLog' || needs.table !== 'readwrite') grants[grant] = true;
  }
  return grants;
}
