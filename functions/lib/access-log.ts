// Reads that answer a named person, logged: the access-log entry is written beside the read, at the same time, so
// the read waits for neither a second round trip nor the log's health. A failed entry is counted (metric
// AccessLogWriteFailed, alarmed) and the answer still goes out: a read never fails for its log.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AccessLog, Clock } from '#ports';
import type { AccessEntry } from '#domain/personal-data.schema';
import { accessRoute } from '#domain/personal-data';
import type { Input, Route } from './route.ts';
import { logger, metrics } from './powertools.ts';

/** The metric of the unusual-reads alarm: the distinct reports one key has read in the current hour. */
export const DISTINCT_READS_METRIC = 'DistinctReportsReadByKey';
export const ACCESS_LOG_FAILED_METRIC = 'AccessLogWriteFailed';

export async function recordAccess(
  deps: { accessLog: AccessLog; clock: Clock },
  route: Pick<Route, 'method' | 'path'>,
  input: Pick<Input<Route>, 'regionId' | 'keyId'>,
  about: Pick<AccessEntry, 'reportId' | 'nip'>,
): Promise<void> {
  const entry: AccessEntry = { at: deps.clock.now().toISOString(), keyId: input.keyId, route: accessRoute(route), ...about };
  try {
    const { distinctReportsThisHour } = await deps.accessLog.record(input.regionId, entry);
    if (distinctReportsThisHour !== undefined) metrics.addMetric(DISTINCT_READS_METRIC, MetricUnit.Count, distinctReportsThisHour);
  } catch (error) {
    metrics.addMetric(ACCESS_LOG_FAILED_METRIC, MetricUnit.Count, 1);
    logger.warn('access log entry not written', { route: entry.route, keyId: entry.keyId, error: (error as Error)?.name });
  }
}

/** The read, with its access-log entry written at the same time; answers the read (or throws its error). */
export async function logged<T>(
  deps: { accessLog: AccessLog; clock: Clock },
  route: Pick<Route, 'method' | 'path'>,
  input: Pick<Input<Route>, 'regionId' | 'keyId'>,
  about: Pick<AccessEntry, 'reportId' | 'nip'>,
  read: () => Promise<T>,
): Promise<T> {
  const [answer] = await Promise.all([read(), recordAccess(deps, route, input, about)]);
  return answer;
}
