// Reads that answer a named person, logged: the entry goes to the log's journal (a synchronous append: the function's
// log stream in AWS, a file locally) beside the read, and a writer moves it into the table behind the answer
// (ADR 0404), so the read waits for neither a table write nor the log's health. A journal that refuses the entry is
// counted (metric AccessLogWriteFailed, alarmed) and the answer still goes out: a read never fails for its log.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AccessLog, Clock, Dependencies } from '#ports';
import type { JournalledAccess, AccessEntry } from '#domain/personal-data.schema';
import { accessRoute } from '#domain/personal-data';
import { journalledAccess, storeAccessEntries } from '#use-cases/access-log';
import type { Input, Route } from './route.ts';
import { logger, metrics } from './powertools.ts';

/** The metric of the unusual-reads alarm: the distinct reports one key has read in the current hour. */
export const DISTINCT_READS_METRIC = 'DistinctReportsReadByKey';
/** An entry that could not be journalled (its answer went out without it), or journalled entries the writer could
 *  not write (they are kept and tried again: a delivery retried, a DLQ locally the journal file). */
export const ACCESS_LOG_FAILED_METRIC = 'AccessLogWriteFailed';

export async function recordAccess(
  deps: { accessLog: AccessLog; clock: Clock },
  route: Pick<Route, 'method' | 'path'>,
  input: Pick<Input<Route>, 'regionId' | 'keyId'>,
  about: Pick<AccessEntry, 'reportId' | 'nip'>,
): Promise<void> {
  const entry: AccessEntry = { at: deps.clock.now().toISOString(), keyId: input.keyId, route: accessRoute(route), ...about };
  try {
    await deps.accessLog.record(input.regionId, entry);
  } catch (error) {
    metrics.addMetric(ACCESS_LOG_FAILED_METRIC, MetricUnit.Count, 1);
    logger.warn('access log entry not journalled', { route: entry.route, keyId: entry.keyId, error: (error as Error)?.name });
  }
}

/** The read, with its access-log entry journalled beside it; answers the read (or throws its error). */
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

/** The writer's work, in AWS (the subscription's function) and locally (the journal's drain) alike: journal values
 *  into the table, each key's distinct reads of the hour emitted for the alarm. A value that is not an entry (a
 *  torn line) is skipped and logged; a failed write throws, and the batch is kept for another try. */
export async function writeJournalled(deps: Pick<Dependencies, 'accessLogWriter' | 'directory'>, values: unknown[]): Promise<number> {
  const batch: JournalledAccess[] = [];
  for (const value of values) {
    const journalled = journalledAccess(value);
    if (journalled) batch.push(journalled);
  }
  if (batch.length < values.length) logger.warn('access journal lines that are not entries were skipped', { skipped: values.length - batch.length });
  for (const { distinctReports } of await storeAccessEntries(deps, batch)) {
    metrics.addMetric(DISTINCT_READS_METRIC, MetricUnit.Count, distinctReports);
  }
  return batch.length;
}
