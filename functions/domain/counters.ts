// A report's counters: what a new report adds to its region's counters of the election, what a transition
// (domain/transition.ts) adds (derived from what it means, never named by a use case), the overdue guard that keeps
// those counts exact, and which of them the national follow-up view keeps too. The one home of these rules:
// the DynamoDB adapter writes the deltas made here (adapters/dynamodb/report-items.ts), and the fakes apply the same ones.
import type { ReportStatus } from './codes.ts';
import { APPEAL_COUNTERS } from './appeals.ts';
import { followUpClosingCounters, recommendationOf, type Source } from './recommendation.ts';
import { OUTSIDE_GUIDANCE_COUNTER } from './stats.schema.ts';
import type { ReportTransition } from './transition.ts';

/** Counters with this prefix are also the recommendation's region's follow-up counters (docs/national.md). */
export const FOLLOW_UP_PREFIX = 'followUp_';

/** The names of a region's report counters of one election (stats.schema.ts reads them back). */
export const COUNTERS = {
  total: 'total',
  status: (status: ReportStatus) => `status_${status}`,
  /** Open reports that are overdue now (use-cases/sanction/shared/overdue.ts). */
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

/** What of a transition moves the counters and its overdue guard: the report as read, the status it leaves and the
 *  one it takes, and what it means (a decision, an overdue mark, an appeal event, a national action). */
export type CounterChange = Pick<ReportTransition, 'report' | 'from' | 'to' | 'at' | 'decision' | 'overdueAt' | 'appealEvent' | 'nationalAction'>;

/** A step's decision that takes the report to a closed status (SANCTIONED or DISMISSED). */
function closingDecision(change: CounterChange): boolean {
  return change.decision !== undefined && change.to !== change.from && (change.to === 'SANCTIONED' || change.to === 'DISMISSED');
}

/** The deltas a transition adds, every one derived here from what it means:
 *  - the status it leaves (-1) and the one it takes (+1), when it moves;
 *  - a decision: `decisions_outsideGuidance` when off the guidance's paths; closing the report, its outcome (and the
 *    sanction's level), `overdue` -1 when it was overdue, and a recommendation's follow-up close (domain/recommendation.ts);
 *  - becoming overdue (`overdueAt`): `overdue` +1, and `followUp_overdue` +1 for a recommendation;
 *  - an appeal filed, past its deadline or decided (the appeals_* counters; a decision that changes the level moves
 *    the level counters, one that annuls the sanction moves the report from outcome_SANCTIONED to outcome_DISMISSED);
 *  - a national body's action: its follow-up counter (`followUp_action_<kind>`).
 *  A delta that comes to 0 is left out, so a counter never touched stays absent. */
export function transitionDeltas(change: CounterChange): Map<string, number> {
  const deltas = new Map<string, number>();
  const add = (name: string, delta: number) => deltas.set(name, (deltas.get(name) ?? 0) + delta);
  if (change.to !== undefined && change.to !== change.from) {
    add(COUNTERS.status(change.from), -1);
    add(COUNTERS.status(change.to), 1);
  }
  const decision = change.decision;
  if (decision?.guidance?.followed === false) add(OUTSIDE_GUIDANCE_COUNTER, 1);
  if (decision && closingDecision(change)) {
    if (change.to === 'SANCTIONED') {
      add(COUNTERS.outcome('SANCTIONED'), 1);
      add(COUNTERS.level(decision.level!), 1);
    } else add(COUNTERS.outcome('DISMISSED'), 1);
    if (change.report.overdueAt) add(COUNTERS.overdue, -1);
    for (const [name, delta] of Object.entries(followUpClosingCounters(change.report, change.at))) add(name, delta);
  }
  if (change.overdueAt) {
    add(COUNTERS.overdue, 1);
    if (recommendationOf(change.report)) add(COUNTERS.followUp('overdue'), 1);
  }
  const appeal = change.appealEvent;
  if (appeal?.kind === 'filed') {
    add(APPEAL_COUNTERS.filed, 1);
    add(appeal.admissible ? APPEAL_COUNTERS.open : APPEAL_COUNTERS.notAdmissible, 1);
  } else if (appeal?.kind === 'deadlinePassed') add(APPEAL_COUNTERS.overdue, 1);
  else if (appeal?.kind === 'decided') {
    add(APPEAL_COUNTERS.open, -1);
    add(APPEAL_COUNTERS.decided, 1);
    add(APPEAL_COUNTERS.outcome(appeal.outcome), 1);
    // Decided late: it counts as overdue no more (the timeline keeps that its deadline passed).
    if (appeal.late) add(APPEAL_COUNTERS.overdue, -1);
    if (appeal.level.to !== appeal.level.from) {
      add(COUNTERS.level(appeal.level.from), -1);
      if (appeal.level.to !== null) add(COUNTERS.level(appeal.level.to), 1);
    }
    if (appeal.level.to === null) {
      add(COUNTERS.outcome('SANCTIONED'), -1);
      add(COUNTERS.outcome('DISMISSED'), 1);
    }
  }
  if (change.nationalAction) add(COUNTERS.followUp(`action_${change.nationalAction.kind}`), 1);
  for (const [name, delta] of deltas) if (delta === 0) deltas.delete(name);
  return deltas;
}

/** The store's guard that keeps the overdue counts exact, from what the transition means: an overdue mark only
 *  while the report is not yet overdue (false); a closing decision only while the report is as overdue as it was
 *  read (it takes the count back only then); otherwise none (undefined). */
export function overdueGuard(change: CounterChange): boolean | undefined {
  if (change.overdueAt) return false;
  if (closingDecision(change)) return Boolean(change.report.overdueAt);
  return undefined;
}

/** The follow-up counters among the deltas, by their name in the follow-up view (without the prefix). */
export function followUpDeltas(deltas: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...deltas].filter(([name, delta]) => name.startsWith(FOLLOW_UP_PREFIX) && delta !== 0).map(([name, delta]) => [name.slice(FOLLOW_UP_PREFIX.length), delta]));
}
