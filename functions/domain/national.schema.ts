// National bodies (BKN, Bawaslu RI): who they are, what they send and read, and the follow-up figures they watch.
import * as z from 'zod/mini';
import { bilingual } from './messages.ts';
import { CATEGORY_CODES, LEVEL_CODES, REPORT_STATUSES, SANCTION_CODES } from './codes.ts';
import { ELECTION_IDS } from './elections.ts';
import { actCodes } from './guidance.ts';
import { calendarDate, evidenceUrls, text } from './common.schema.ts';
import { Employee, type SubmitReportBody } from './report.schema.ts';
import type { RecommendationKind } from './recommendation.ts';
import { NATIONAL_ACTION_KINDS, NationalAction, type NationalBody } from './national-bodies.ts';
import { medianDays, type FollowUpCounters } from './follow-up.ts';

export * from './national-bodies.ts';
export type { FollowUpCounters } from './follow-up.ts';

/** How each body is named to people, the source its recommendations carry and the reporter it stands as. */
export const BODIES: Record<NationalBody, { name: string; source: RecommendationKind; reporter: SubmitReportBody['reporter'] }> = {
  BKN: { name: 'Badan Kepegawaian Negara (BKN)', source: 'BKN_RECOMMENDATION', reporter: { kind: 'OTHER', name: 'BKN' } },
  BAWASLU_RI: { name: 'Badan Pengawas Pemilihan Umum Republik Indonesia (Bawaslu RI)', source: 'BAWASLU_RECOMMENDATION', reporter: { kind: 'BAWASLU' } },
};

export const NationalRecommendationBody = /* @__PURE__ */ z
  .strictObject({
    regionId: z.string().check(z.regex(/^\d{2}(\.\d{2}){0,2}$/, bilingual('kode Kemendagri, mis. 34.02', 'a Kemendagri code such as 34.02'))),
    electionId: z.enum(ELECTION_IDS),
    incidentDate: calendarDate,
    category: z.enum(CATEGORY_CODES),
    actCode: z.optional(z.enum(actCodes(), { error: 'bukan kode tindakan katalog panduan (GET /v1/guidance) / not an act of the guidance catalogue (GET /v1/guidance)' })),
    description: text(5000),
    location: text(300),
    evidenceUrls,
    employee: Employee,
    number: text(100).check(z.describe('The recommendation\'s letter number (nomor surat).')),
    issuedAt: calendarDate,
    dueAt: z.optional(calendarDate).check(z.describe('The PPK must follow it up by the end of this day, in the region\'s zone.')),
    recommendedLevel: z.optional(z.enum(LEVEL_CODES)),
    recommendedSanction: z.optional(z.enum(SANCTION_CODES)).check(z.describe('Must belong to recommendedLevel.')),
  })
  .register(z.globalRegistry, { id: 'NationalRecommendation', description: 'A recommendation a national body pushes into a region: a report there, on the recommendation path.' });
export type NationalRecommendationBody = z.infer<typeof NationalRecommendationBody>;

/** The region's report a recommendation becomes: the body is its reporter and its source. */
export function reportBodyOf(body: NationalBody, input: NationalRecommendationBody): Omit<NationalRecommendationBody, 'regionId' | 'number' | 'issuedAt' | 'dueAt' | 'recommendedLevel' | 'recommendedSanction'> & Pick<SubmitReportBody, 'reporter' | 'source'> {
  const { regionId: _, number, issuedAt, dueAt, recommendedLevel, recommendedSanction, ...report } = input;
  return {
    ...report,
    reporter: BODIES[body].reporter,
    source: {
      kind: BODIES[body].source, number, issuedAt,
      ...(dueAt ? { dueAt } : {}), ...(recommendedLevel ? { recommendedLevel } : {}), ...(recommendedSanction ? { recommendedSanction } : {}),
    },
  };
}

/** A report field's path as the national body sent it (`source.dueAt` is its `dueAt`). */
export function nationalPath(path: string): string {
  return path.startsWith('source.') ? path.slice('source.'.length) : path;
}

export const PushRecommendationResult = /* @__PURE__ */ z
  .object({ regionId: z.string(), id: z.string(), receiptCode: z.string(), status: z.enum(REPORT_STATUSES) })
  .register(z.globalRegistry, { id: 'PushRecommendationResult' });

export const RecommendationParams = /* @__PURE__ */ z.strictObject({
  regionId: z.string().check(z.regex(/^\d{2}(\.\d{2}){0,2}$/, bilingual('kode Kemendagri, mis. 34.02', 'a Kemendagri code such as 34.02'))),
  id: z.string().check(z.regex(/^[0-9A-Z]{26}$/, bilingual('id laporan tidak valid', 'invalid report id'))),
});

export const NationalActionBody = /* @__PURE__ */ z
  .strictObject({
    kind: z.enum(NATIONAL_ACTION_KINDS).check(z.describe('TEGURAN (either body); BLOKIR_DATA and BUKA_BLOKIR (BKN only).')),
    letterNumber: text(100).check(z.describe('The letter\'s number; the same kind and number again is the same action (a retry).')),
    note: z.optional(text(1000)),
  })
  .register(z.globalRegistry, { id: 'NationalActionRequest' });
export type NationalActionBody = z.infer<typeof NationalActionBody>;

export const ListRecommendationsQuery = /* @__PURE__ */ z.strictObject({
  regionId: z.optional(z.string().check(z.regex(/^\d{2}(\.\d{2}){0,2}$/, bilingual('kode Kemendagri, mis. 34.02', 'a Kemendagri code such as 34.02')))),
  electionId: z.optional(z.enum(ELECTION_IDS)),
  status: z.optional(z.enum(REPORT_STATUSES)),
  overdue: z.optional(z.enum(['true', 'false'])).check(z.describe('true: open recommendations that are overdue; false: those that are not.')),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});
export type ListRecommendationsQuery = z.infer<typeof ListRecommendationsQuery>;

export const RecommendationItem = /* @__PURE__ */ z
  .object({
    regionId: z.string(),
    id: z.string(),
    number: z.string(),
    issuedAt: z.string(),
    dueAt: z.nullable(z.string()),
    status: z.enum(REPORT_STATUSES),
    overdue: z.boolean(),
    closedAt: z.optional(z.string()),
    closedOnTime: z.optional(z.boolean()),
    level: z.optional(z.enum(LEVEL_CODES)),
    sanction: z.optional(z.enum(SANCTION_CODES)),
    decreeNumber: z.optional(z.string()),
    actions: z.array(NationalAction),
  })
  .register(z.globalRegistry, { id: 'RecommendationItem', description: 'No reporter, no description, no decision notes.' });
export type RecommendationItem = z.infer<typeof RecommendationItem>;

export const RecommendationPage = /* @__PURE__ */ z
  .object({ items: z.array(RecommendationItem), cursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'RecommendationPage' });

export const FollowUpQuery = /* @__PURE__ */ z.strictObject({ electionId: z._default(z.enum(ELECTION_IDS), 'pilkada-2024') });

export const RegionFollowUp = /* @__PURE__ */ z
  .object({
    regionId: z.string(),
    name: z.string(),
    agencyName: z.string(),
    recommendations: z.int(),
    open: z.int(),
    closed: z.int(),
    closedOnTime: z.int(),
    overdue: z.int(),
    onTimeRate: z.nullable(z.number()).check(z.describe('closedOnTime / closed, 0..1; null while none closed.')),
    medianDaysToClose: z.nullable(z.number()).check(z.describe('Whole days from receipt to close; null while none closed.')),
    actions: z.object({ TEGURAN: z.int(), BLOKIR_DATA: z.int(), BUKA_BLOKIR: z.int() }),
  })
  .register(z.globalRegistry, { id: 'RegionFollowUp' });
export type RegionFollowUp = z.infer<typeof RegionFollowUp>;

const Totals = /* @__PURE__ */ z.object({
  regions: z.int(), recommendations: z.int(), open: z.int(), closed: z.int(), closedOnTime: z.int(), overdue: z.int(),
  onTimeRate: z.nullable(z.number()),
});

export const FollowUp = /* @__PURE__ */ z
  .object({ electionId: z.enum(ELECTION_IDS), generatedAt: z.string(), totals: Totals, regions: z.array(RegionFollowUp) })
  .register(z.globalRegistry, { id: 'FollowUp', description: 'Counts only, never a person; worst on-time rate first.' });
export type FollowUp = z.infer<typeof FollowUp>;

/** A region's row from its counters; `open` is what was received and is not closed. */
export function regionFollowUp(region: { id: string; name: string; agencyName: string }, counters: FollowUpCounters): RegionFollowUp {
  const n = (name: string) => Math.max(0, Number(counters[name] ?? 0));
  const recommendations = n('recommendations');
  const closed = n('closed');
  return {
    regionId: region.id,
    name: region.name,
    agencyName: region.agencyName,
    recommendations,
    open: Math.max(0, recommendations - closed),
    closed,
    closedOnTime: n('closedOnTime'),
    overdue: n('overdue'),
    onTimeRate: closed ? n('closedOnTime') / closed : null,
    medianDaysToClose: medianDays(counters),
    actions: { TEGURAN: n('action_TEGURAN'), BLOKIR_DATA: n('action_BLOKIR_DATA'), BUKA_BLOKIR: n('action_BUKA_BLOKIR') },
  };
}

/** Worst first: the lowest on-time rate, then the most overdue; a region with none closed yet ranks by its overdue
 *  count among those at rate 0 when it has overdue ones, else after every region with a rate. */
export function worstFirst(a: RegionFollowUp, b: RegionFollowUp): number {
  const rank = (r: RegionFollowUp) => r.onTimeRate ?? (r.overdue > 0 ? 0 : 2);
  return rank(a) - rank(b) || b.overdue - a.overdue || a.regionId.localeCompare(b.regionId);
}

export function followUpOf(electionId: FollowUp['electionId'], generatedAt: string, rows: RegionFollowUp[]): FollowUp {
  const sum = (field: 'recommendations' | 'open' | 'closed' | 'closedOnTime' | 'overdue') => rows.reduce((total, row) => total + row[field], 0);
  const closed = sum('closed');
  return {
    electionId,
    generatedAt,
    totals: {
      regions: rows.length, recommendations: sum('recommendations'), open: sum('open'), closed, closedOnTime: sum('closedOnTime'), overdue: sum('overdue'),
      onTimeRate: closed ? sum('closedOnTime') / closed : null,
    },
    regions: [...rows].sort(worstFirst),
  };
}

export const NationalContact = /* @__PURE__ */ z.strictObject({ name: text(200), email: z.email() });
export type NationalContact = z.infer<typeof NationalContact>;

/** What a body's weekly digest says (views/national-emails.ts renders it): its overdue recommendations by region,
 *  figures only, the region with the most first. */
export interface NationalDigestContent {
  body: NationalBody;
  /** The Monday it is for (YYYY-MM-DD, WIB). */
  week: string;
  contact: NationalContact;
  regions: {
    regionId: string;
    name: string;
    agencyName: string;
    items: { id: string; number: string; issuedAt: string; dueAt: string | null; statusLabel: string; overdueSince: string }[];
  }[];
}
