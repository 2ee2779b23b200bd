// The time budget of a request in one place: function timeouts, the DynamoDB client's timeouts and attempts,
// the retry helper's budget and the signature writer's lease, so each can be checked against the others
// (README "Faults and repair"; test/infra asserts the deployed template keeps them).

/** Lambda timeouts: the authorizer runs first, then the route, under API Gateway's 29 s integration limit. */
export const AUTHORIZER_TIMEOUT_SECONDS = 5;
export const ROUTE_TIMEOUT_SECONDS = 10;
export const STEP_TIMEOUT_SECONDS = 30;

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
