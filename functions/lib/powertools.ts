// Powertools singletons, created once per runtime and shared by every handler.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: 'netra' });
// Its own warnings go through the structured logger (and its level), not straight to the console.
export const metrics = new Metrics({ namespace: 'netra', serviceName: 'netra', logger });
export const tracer = new Tracer({ serviceName: 'netra' });
