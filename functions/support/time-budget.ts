// The time budget of a request in one place: function timeouts, the DynamoDB client's timeouts and attempts,
// the retry helper's budget and the signature writer's lease, so each can be checked against the others
// (README "Faults and repair"; test/infra asserts the deployed template keeps them).

/** Lambda timeouts: the authorizer runs first, then the route, under API Gateway's 29 s integration limit. */
export const AUTHORIZER_TIMEOUT_SECONDS = 5;
export const ROUTE_TIMEOUT_SECONDS = 10;
export const STEP_TIMEOUT_SECONDS = 30;

/** The steps that send an e-mail or a webhook (by handler file, as in functions/steps/) run up to 5 minutes: after
 *  a send, the write that marks it sent is retried until MARK_RESERVE_MS before this timeout (lib/mark-sent.ts), so
 *  a database outage of up to ~4.8 minutes right after a send costs no second e-mail. Only a longer one fails the
 *  step, whose retry sends the same thing again. */
export const MAILING_STEPS = ['request-decision', 'send-reminder', 'decision-deadline', 'notify-bawaslu'] as const;
export const MAILING_STEP_TIMEOUT_SECONDS = 300;

/** The deployed timeout of a workflow step's function, by its handler file (the stack and the local runner). A
 *  Task state's own TimeoutSeconds in the ASL outlasts it (330 s for the mailing steps), or Step Functions would
 *  start the step again, and send again, while the first attempt still marks its send. */
export function stepTimeoutSeconds(stepFile: string): number {
  return (MAILING_STEPS as readonly string[]).includes(stepFile) ? MAILING_STEP_TIMEOUT_SECONDS : STEP_TIMEOUT_SECONDS;
}

export interface DynamoClientTimeouts {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
}

/** Every DynamoDB call. In AWS: a TCP connect within 1 s, an answer within 2 s, one retry; a healthy call takes
 *  milliseconds. DynamoDB Local on a busy laptop or CI box can take seconds under load:
 *  up to 4 s, and one retry (a kept-alive socket it closed). Either way a database that accepts connections and never answers costs a request
 *  one call's dynamoCallMaxMs, inside the authorizer's and the route's timeouts. */
export const DYNAMO_CLIENT: Record<'aws' | 'local', DynamoClientTimeouts> = {
  aws: { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 2 },
  local: { connectionTimeoutMs: 1_000, requestTimeoutMs: 4_000, maxAttempts: 2 },
};

/** The longest one call can take: every attempt's request timeout and the SDK's backoff after a timeout
 *  (at most 200 ms before the second attempt). A throttle's longer backoff (up to 1 s) follows an answer that
 *  came at once, not a timeout, so it never adds to them. */
export function dynamoCallMaxMs(timeouts: DynamoClientTimeouts): number {
  return timeouts.maxAttempts * timeouts.requestTimeoutMs + (timeouts.maxAttempts - 1) * 200;
}

/** What a mark-sent retry leaves of its function's time: its last attempt may take one whole DynamoDB call, and the
 *  step then needs a moment to answer. */
export function markReserveMs(timeouts: DynamoClientTimeouts): number {
  return dynamoCallMaxMs(timeouts) + 1_000;
}

/** The mark's backoff: the first waits are short (a blip), later ones at most 5 s, so a mark lands within about
 *  one wait and one call of the database's return. */
export const MARK_RETRY = { baseDelayMs: 250, maxDelayMs: 5_000, attempts: 500 } as const;

/** The SES client: an answer within 10 s of a connection made within 2 s, else the send counts as failed (and the
 *  step is retried: a send SES did not confirm is sent again, at least once). */
export const SES_CLIENT = { connectionTimeoutMs: 2_000, requestTimeoutMs: 10_000, maxAttempts: 3 } as const;

/** KMS calls (sealing a reporter at intake, opening it on unseal): inside the route's 10 s with the database's
 *  calls around them; a KMS that does not answer is a 503, and nothing was written. */
export const KMS_CLIENT = { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 2 } as const;

/** What a 503 tells the caller to wait before it retries. */
export const RETRY_AFTER_SECONDS = 5;

/** The retry helper's budget for work that met a conflict or a throttle (nothing applied): no new attempt
 *  starts after this, so a contended write answers 503 within it plus one call. */
export const CONTENTION_BUDGET_MS = 2_000;

/** The signature writer of a region, election and pledge text holds a lease of SIGNATURE_LEASE_MS. A request
 *  waits at most SIGNATURE_LEASE_WAIT_MS for it (in the process's queue and polling the lease), and every call
 *  it makes under the lease is aborted SIGNATURE_WRITE_WINDOW_MS after it took the lease: 8 s in all, inside
 *  the route's 10 s, so the handler answers before Lambda can stop it, and nothing it sent can land after its
 *  lease, which lasts three route timeouts. */
export const SIGNATURE_LEASE_MS = 3 * ROUTE_TIMEOUT_SECONDS * 1_000;
export const SIGNATURE_LEASE_WAIT_MS = 3_000;
export const SIGNATURE_WRITE_WINDOW_MS = 5_000;
/** The last part of the write window, kept for a writer that failed or ran out of time to hand its lease over
 *  (mark it expired, its intent on it) so the next writer need not wait out the lease. */
export const SIGNATURE_HANDOVER_MS = 500;
