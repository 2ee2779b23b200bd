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
  readonly reason: 'report' | 'decision';
  constructor(reason: 'report' | 'decision') {
    super(reason === 'report' ? 'The report has moved on' : 'The decision is no longer pending');
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

/** A decision link that cannot be used: 403 tampered, 404 unknown, 409 used or step past, 410 expired. */
export class DecisionLinkError extends Error {
  readonly status: 403 | 404 | 409 | 410;
  /** The page's heading when the status alone does not say what happened (a link handed on). */
  readonly titles?: { id: string; en: string };
  constructor(status: 403 | 404 | 409 | 410, message: string, titles?: { id: string; en: string }) {
    super(message);
    this.name = 'DecisionLinkError';
    this.status = status;
    if (titles) this.titles = titles;
  }
}
