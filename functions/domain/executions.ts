// Which execution of the sanction workflow a report (or an objection) runs in, and how it stands.

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
