// Report counts per region and election, as GET /v1/stats answers them.
import * as z from 'zod/mini';
import { CATEGORY_CODES, LEVEL_CODES, REPORT_STATUSES, STAGE_CODES } from './codes.ts';
import { ELECTION_IDS } from './elections.ts';
import { APPEAL_COUNTERS, APPEAL_OUTCOMES } from './appeals.ts';

export const OUTCOMES = ['SANCTIONED', 'DISMISSED'] as const;

/** Decisions (BKPP recommendations and PPK sanctions) whose level is on no path of the guidance catalogue. */
export const OUTSIDE_GUIDANCE_COUNTER = 'decisions_outsideGuidance';

export const StatsQuery = /* @__PURE__ */ z.strictObject({ electionId: z.enum(ELECTION_IDS) });

const counts = (codes: readonly string[]) => z.object(Object.fromEntries(codes.map((code) => [code, z.int()])));

export const Stats = /* @__PURE__ */ z
  .object({
    electionId: z.enum(ELECTION_IDS),
    total: z.int(),
    byStatus: counts(REPORT_STATUSES),
    byCategory: counts(CATEGORY_CODES),
    byStage: counts(STAGE_CODES),
    byLevel: counts(LEVEL_CODES).check(z.describe('Sanctioned reports by the level of the sanction imposed.')),
    byOutcome: counts(OUTCOMES).check(z.describe('Closed reports by how they closed.')),
    followUp: z
      .object({
        recommendations: z.int().check(z.describe('Reports that are BKN or Bawaslu recommendations.')),
        closed: z.int().check(z.describe('Recommendations closed (sanctioned or dismissed).')),
        closedOnTime: z.int().check(z.describe('Closed by the end of dueAt, or by the PPK\'s first deadline without one.')),
        overdue: z.int().check(z.describe('Recommendations overdue now.')),
      })
      .check(z.describe('How recommendations are followed up (README, "Follow-up figures").')),
    overdue: z.int().check(z.describe('Open reports whose BKPP or PPK wait passed its last escalation.')),
    outsideGuidance: z.int().check(z.describe('RECOMMEND and IMPOSE decisions whose level is on no sanction path of the guidance catalogue (each with notes saying why).')),
    appeals: z
      .object({
        filed: z.int().check(z.describe('Objections and appeals filed, admissible or not.')),
        notAdmissible: z.int().check(z.describe('Filed after appealBy (tidak dapat diterima).')),
        open: z.int().check(z.describe('Waiting for their decision now.')),
        overdue: z.int().check(z.describe('Open now and past decideBy: a KEBERATAN after 21 working days (the employee may go to PTUN), a BANDING after 65.')),
        decided: z.int(),
        byOutcome: counts(APPEAL_OUTCOMES),
      })
      .check(z.describe('Objections (KEBERATAN) and appeals (BANDING) against sanctions.')),
  })
  .register(z.globalRegistry, { id: 'Stats' });
export type Stats = z.infer<typeof Stats>;

/** The answer from the counters of the stats item (missing counters are zero). */
export function statsFrom(electionId: Stats['electionId'], counters: Record<string, number>): Stats {
  const group = (prefix: string, codes: readonly string[]) =>
    Object.fromEntries(codes.map((code) => [code, Number(counters[`${prefix}_${code}`] ?? 0)]));
  return {
    electionId,
    total: Number(counters.total ?? 0),
    byStatus: group('status', REPORT_STATUSES),
    byCategory: group('category', CATEGORY_CODES),
    byStage: group('stage', STAGE_CODES),
    byLevel: group('level', LEVEL_CODES),
    byOutcome: group('outcome', OUTCOMES),
    followUp: {
      recommendations: Number(counters.followUp_recommendations ?? 0),
      closed: Number(counters.followUp_closed ?? 0),
      closedOnTime: Number(counters.followUp_closedOnTime ?? 0),
      overdue: Number(counters.followUp_overdue ?? 0),
    },
    overdue: Number(counters.overdue ?? 0),
    outsideGuidance: Number(counters[OUTSIDE_GUIDANCE_COUNTER] ?? 0),
    appeals: {
      filed: Number(counters[APPEAL_COUNTERS.filed] ?? 0),
      notAdmissible: Number(counters[APPEAL_COUNTERS.notAdmissible] ?? 0),
      open: Number(counters[APPEAL_COUNTERS.open] ?? 0),
      overdue: Number(counters[APPEAL_COUNTERS.overdue] ?? 0),
      decided: Number(counters[APPEAL_COUNTERS.decided] ?? 0),
      byOutcome: Object.fromEntries(APPEAL_OUTCOMES.map((outcome) => [outcome, Number(counters[APPEAL_COUNTERS.outcome(outcome)] ?? 0)])),
    },
  } as Stats;
}
