// The follow-up counters of recommendations: the days-to-close histogram and its median.

/** One region's follow-up counters as the report store keeps them for the national view (the region's own
 *  `followUp_*` counters without that prefix). */
export type FollowUpCounters = Record<string, number>;

/** The counter of a close after `days` whole days: a histogram, so the median comes from counters alone. */
export const daysCounter = (days: number) => `daysToClose_${Math.max(0, Math.min(days, MAX_DAYS))}`;
/** Closes after this many days or more share one bucket. */
export const MAX_DAYS = 400;

/** The median of a days-to-close histogram (the lower middle for an even count), or null when empty. */
export function medianDays(counters: FollowUpCounters): number | null {
  const buckets: [number, number][] = [];
  for (const [name, count] of Object.entries(counters)) {
    const match = /^daysToClose_(\d+)$/.exec(name);
    if (match && count > 0) buckets.push([Number(match[1]), count]);
  }
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (!total) return null;
  buckets.sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [days, count] of buckets) {
    seen += count;
    if (seen >= Math.ceil(total / 2)) return days;
  }
  return null;
}

