// A report's counters: what a new report adds to its region's counters of the election, what a transition
// (domain/transition.ts) adds, and which of them the national follow-up view keeps too. The one home of these rules:
// the DynamoDB adapter writes the deltas made here (adapters/dynamodb/report-items.ts), and the fakes apply the same ones.
import type { ReportStatus } from './codes.ts';
import { recommendationOf, type Source } from './recommendation.ts';
import type { ReportTransition } from './transition.ts';

/** Counters with this prefix are also the recommendation's region's follow-up counters (docs/national.md). */
export const FOLLOW_UP_PREFIX = 'followUp_';

/** The names of a region's report counters of one election (stats.schema.ts reads them back). */
export const COUNTERS = {
  total: 'total',
  status: (status: ReportStatus) => `status_${status}`,
  /** Open reports that are overdue now (use-cases/overdue.ts). */
  overdue: 'overdue',
  /** Decided reports: sanctioned or dismissed, and the sanction's level. */
  outcome: (outcome: 'SANCTIONED' | 'DISMISSED') => `outcome_${outcome}`,
  level: (level: string) => `level_${level}`,
  /** A recommendation's counter in the national follow-up view too (its name there without the prefix). */
  followUp: (name: string) => `${FOLLOW_UP_PREFIX}${name}`,
} as const;

/** The counters a new report adds one to. */
export function createdCounters(report: { status: ReportStatus; category: string; stage: string; source?: Source | undefined }): Map<string, number> {
  const names = [COUNTERS.total, COUNTERS.status(report.status), `category_${report.category}`, `stage_${report.stage}`];
  if (recommendationOf(report)) names.push(COUNTERS.followUp('recommendations'));
  return new Map(names.map((name) => [name, 1]));
}

/** What of a transition moves the counters: the status it leaves and the one it takes, and its extra counters (names
 *  to add one to, or named deltas such as `{ overdue: -1 }`). */
export type CounterChange = Pick<ReportTransition, 'from' | 'to' | 'counters'>;

/** The deltas a transition adds: its extra counters and, when the status moves, one off the old status and one on
 *  the new. A delta that comes to 0 is left out, so a counter never touched stays absent. */
export function transitionDeltas(change: CounterChange): Map<string, number> {
  const named = change.counters ?? [];
  const deltas = new Map<string, number>(Array.isArray(named) ? named.map((name: string) => [name, 1]) : Object.entries(named));
  if (change.to !== undefined && change.to !== change.from) {
    const [left, taken] = [COUNTERS.status(change.from), COUNTERS.status(change.to)];
    deltas.set(left, (deltas.get(left) ?? 0) - 1);
    deltas.set(taken, (deltas.get(taken) ?? 0) + 1);
  }
  for (const [name, delta] of deltas) if (delta === 0) deltas.delete(name);
  return deltas;
}

/** The follow-up counters among the deltas, by their name in the follow-up view (without the prefix). */
export function followUpDeltas(deltas: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...deltas].filter(([name, delta]) => name.startsWith(FOLLOW_UP_PREFIX) && delta !== 0).map(([name, delta]) => [name.slice(FOLLOW_UP_PREFIX.length), delta]));
}
