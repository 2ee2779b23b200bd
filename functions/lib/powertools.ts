// Powertools singletons, created once per runtime and shared by every handler. No Tracer: Lambda's active
// tracing records each invocation without an SDK in the function, and the Logger puts the trace id
// (xray_trace_id, from _X_AMZN_TRACE_ID) on every line.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: 'netra' });
// Its own warnings go through the structured logger (and its level), not straight to the console. Only the HTTP
// chain emits metrics: marked pure, the bundler leaves Metrics out of the functions that never use it (the
// authorizer and the workflow steps: 13 KiB and its set-up at init).
export const metrics = /* @__PURE__ */ new Metrics({ namespace: 'netra', serviceName: 'netra', logger });
