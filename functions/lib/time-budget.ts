// The time budget of a request in one place: function timeouts, the DynamoDB client's timeouts and attempts,
// the retry helper's budget and the signature writer's lease, so each can be checked against the others
// (README "Faults and repair"; test/infra asserts the deployed template keeps them).

/** Lambda timeouts: the authorizer runs first, then the route, under API Gateway's 29 s integration limit. */
export const AUTHORIZER_TIMEOUT_SECONDS = 5;
export const ROUTE_TIMEOUT_SECONDS = 10;
export const STEP_TIMEOUT_SECONDS = 30;

/** Every DynamoDB call: a TCP connect within 1 s, an answer within 2 s, one retry. A healthy call takes
 *  milliseconds; a database that accepts connections and never answers costs one call DYNAMO_CALL_MAX_MS. */
export const DYNAMO_CLIENT = { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 2 } as const;
/** Both attempts' request timeouts plus the SDK's backoff between them (at most 1 s for a throttle, 100 ms otherwise). */
export const DYNAMO_CALL_MAX_MS = DYNAMO_CLIENT.maxAttempts * DYNAMO_CLIENT.requestTimeoutMs + 1_000;

/** What a 503 tells the caller to wait before it retries. */
export const RETRY_AFTER_SECONDS = 5;

/** The retry helper's budget for work that met a conflict or a throttle (nothing applied): no new attempt
 *  starts after this, so a contended write answers 503 within it plus one call. */
export const CONTENTION_BUDGET_MS = 2_000;

/** The signature writer of a region, election and pledge text holds a lease of SIGNATURE_LEASE_MS. A request
 *  waits at most SIGNATURE_LEASE_WAIT_MS for it (in the process's queue and polling the lease), and every call
 *  it makes under the lease is aborted SIGNATURE_WRITE_WINDOW_MS after the request reached the store, well
 *  inside the route's timeout: the handler answers before Lambda can stop it, and nothing it sent can land after
 *  its lease, which lasts three route timeouts. */
export const SIGNATURE_LEASE_MS = 3 * ROUTE_TIMEOUT_SECONDS * 1_000;
export const SIGNATURE_LEASE_WAIT_MS = 4_000;
export const SIGNATURE_WRITE_WINDOW_MS = 7_000;
