// The sanction workflow's executions: which one a report (or an objection) runs in, how it stands, and their names,
// built and read here alone: a report's runs, an objection's runs
// and the notice executions. A name says what an execution is for, so starting it again is a no-op (Step Functions
// refuses a second execution of one name while the first's history is kept; the local runner does the same), and
// the reconciler, the steps, the local runner and the tests all find an execution by building its name.

/** Which execution of a report: run 0 is the one the intake starts; repairs and continuations count up. */
export interface ExecutionRef {
  regionId: string;
  reportId: string;
  run?: number | undefined;
  /** An objection's own execution (step APPEAL, ADR 0303), apart from the report's. */
  appealId?: string | undefined;
}

export interface ExecutionStatus {
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NONE';
  /** Step Functions can redrive it (a Standard execution that did not end in one of the definition's own
   *  Fail states, within its redrive window). */
  redrivable: boolean;
  error?: string | undefined;
}

/** What an execution runs for: a report (its run), an objection of it (ADR 0303), or one of its notices. */
export type Execution =
  | { kind: 'report'; regionId: string; reportId: string; run: number }
  | { kind: 'appeal'; regionId: string; reportId: string; appealId: string; run: number }
  | { kind: 'notice'; regionId: string; reportId: string; event: string };

/** A region's Kemendagri code in a name (`34.02` → `34-02`): Step Functions allows no dot. */
const regionPart = (regionId: string) => regionId.replaceAll('.', '-');
const suffix = (run: number) => (run > 0 ? `-${run}` : '');

/** The name of a report's execution, or of an objection's when `appealId` is given. Run 0 (the intake's, or the
 *  filing's) has no suffix; a repair or a continuation starts the next run, whose number the report (or the
 *  objection) keeps. */
export function executionName(regionId: string, reportId: string, run = 0, appealId?: string): string {
  if (appealId) return `appeal-${regionPart(regionId)}-${reportId}-${appealId}${suffix(run)}`;
  return `report-${regionPart(regionId)}-${reportId}${suffix(run)}`;
}

/** A notice execution's name: one per report and webhook event (per action for a national action's notice). */
export function noticeExecutionName(regionId: string, reportId: string, event: string): string {
  return `notice-${regionPart(regionId)}-${reportId}-${event.replace(/^report\./, '').replaceAll(':', '-')}`;
}

/** The input an execution starts with: an objection's carries its appeal. */
export const executionInput = ({ regionId, reportId, appealId }: ExecutionRef) =>
  ({ regionId, reportId, ...(appealId ? { appealId } : {}) });

const REGION = '(\\d{2}(?:-\\d{2}){0,2})';
const ULID = '([0-9A-Z]{26})';
// A report's id is a ULID; tests name reports with short ids of their own (`N1`, `RESTART2`), read the same way.
const ID = '([0-9A-Z]{26}|[^-]+)';
const regionOf = (part: string) => part.replaceAll('-', '.');

/** Built when a name is read, not when the module loads: a bundle that only builds names (every function that starts
 *  an execution) leaves them out. */
const patterns = (): Array<[RegExp, (m: RegExpExecArray) => Execution]> => [
  [new RegExp(`^appeal-${REGION}-${ID}-${ULID}(?:-(\\d+))?$`), (m) => ({ kind: 'appeal', regionId: regionOf(m[1]!), reportId: m[2]!, appealId: m[3]!, run: Number(m[4] ?? 0) })],
  [new RegExp(`^report-${REGION}-${ID}(?:-(\\d+))?$`), (m) => ({ kind: 'report', regionId: regionOf(m[1]!), reportId: m[2]!, run: Number(m[3] ?? 0) })],
  [new RegExp(`^notice-${REGION}-${ID}-(.+)$`), (m) => ({ kind: 'notice', regionId: regionOf(m[1]!), reportId: m[2]!, event: m[3]! })],
];

/** What an execution's name says it runs for; null for a name netra did not build. */
export function parseExecutionName(name: string): Execution | null {
  for (const [pattern, read] of patterns()) {
    const match = pattern.exec(name);
    if (match) return read(match);
  }
  return null;
}

/** The run number an execution's name carries (0 for the first run, and for a notice). */
export function runOf(name: string): number {
  const execution = parseExecutionName(name);
  return execution && execution.kind !== 'notice' ? execution.run : 0;
}
