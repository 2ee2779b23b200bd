// Powertools singletons, created once per runtime and shared by every handler.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: 'netra' });
export const metrics = new Metrics({ namespace: 'netra', serviceName: 'netra' });
export const tracer = new Tracer({ serviceName: 'netra' });
