// The rules of personal data (UU 27/2022) that more than one layer reads: how long the access log keeps an
// entry, and the bound on one key's hourly count of distinct reports read.

/** An access-log entry is kept two years (SPEC: retention `accessLog`, default P2Y), then DynamoDB's TTL deletes it. */
export const ACCESS_LOG_RETENTION_SECONDS = 2 * 365 * 86400;

/** One API key's distinct reports in an hour are counted up to this many; the alarm's threshold
 *  (infra/config.ts `netra:unusualReadsPerHour`) must stay below it. */
export const DISTINCT_READS_CAP = 1000;

/** The route of an answer as the access log names it: the method and the path template. */
export const accessRoute = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
