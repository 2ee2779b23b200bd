// Domain errors: what went wrong in the caller's terms; the HTTP layer maps them to problem+json.

export interface FieldError {
  path: string;
  message: string;
}

export class InputError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[], message = 'Invalid input') {
    super(message);
    this.name = 'InputError';
    this.errors = errors;
  }
}

/** Well-formed input that a rule of the domain refuses (answered 422, the rule named in `errors`). */
export class RuleError extends InputError {
  constructor(errors: FieldError[]) {
    super(errors, 'Refused by a rule');
    this.name = 'RuleError';
  }
}

export class NotFoundError extends Error {
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** An Idempotency-Key already used for a request with another body (answered 422). */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('This Idempotency-Key was used with a different body.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A conditional write lost: the report moved on (`report`) or the decision was used or expired (`decision`). */
export class TransitionConflict extends ConflictError {
  /** What held: the report moved on; the decision record is no longer pending (or already marked); or the
   *  change was applied once already (ReportTransition.once). */
  readonly reason: 'report' | 'decision' | 'once';
  constructor(reason: 'report' | 'decision' | 'once') {
    super(reason === 'report' ? 'The report has moved on' : reason === 'decision' ? 'The decision is no longer pending' : 'Applied once already');
    this.name = 'TransitionConflict';
    this.reason = reason;
  }
}

/** A backing service (the workflow, the mailer) cannot be reached; the caller may retry. */
export class UnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnavailableError';
  }
}

/** A sealed value that does not open: not sealed for this region and report (copied from another), or altered. */
export class SealBrokenError extends ConflictError {
  constructor(options?: { cause?: unknown }) {
    super('Identitas pelapor tidak dapat dibuka: segelnya bukan milik laporan ini atau telah diubah / the sealed identity does not open for this report');
    this.name = 'SealBrokenError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** Why a decision link no longer opens a form: each has its own end page (views/end-pages.ts). */
export type LinkEnd =
  | { reason: 'invalid' }
  | { reason: 'unknown' }
  /** A decision was recorded with this very link: what it was, who took it and when, in the region's words; closed
   *  when the report is closed now (the decision ended it), so the page does not promise a next step. */
  | { reason: 'used'; decided?: { what: { id: string; en: string }; by: string; at: string }; closed?: boolean }
  /** The deadline passed; the report still waits at this step (a fresh link follows when it applies). */
  | { reason: 'expired' }
  /** The report went on without this link: forwarded at the deadline, decided elsewhere, or closed. */
  | { reason: 'moved-on'; status: import('./codes.ts').ReportStatus; agency: string; agencyFull: string; via: 'deadline' | 'other' }
  /** The approver of the waiting step changed (directory, acting period): the role it went to, never the person. */
  | { reason: 'handed-on'; role: { id: string; en: string } }
  /** A newer link of the same step is the live one (one live link per step). */
  | { reason: 'replaced' };

/** A decision link that cannot be used: 403 tampered, 404 unknown, 409 used or step past, 410 expired. */
export class DecisionLinkError extends Error {
  readonly status: 403 | 404 | 409 | 410;
  readonly end: LinkEnd;
  constructor(status: 403 | 404 | 409 | 410, end: LinkEnd) {
    super(`decision link: ${end.reason}`);
    this.name = 'DecisionLinkError';
    this.status = status;
    this.end = end;
  }
}
