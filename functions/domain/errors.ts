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
