// Satgas netralitas: an OPD's task force, its activities and the risks they find, as regions send and read them.
import * as z from 'zod/mini';
import { CATEGORY_CODES, STAGE_CODES } from './codes.ts';
import { ELECTION_IDS } from './elections.ts';
import { calendarDate, email, evidenceUrls, nip, opdId, text } from './common.schema.ts';

export const SATGAS_ROLES = ['KETUA', 'SEKRETARIS', 'ANGGOTA'] as const;
export const MAX_SATGAS_MEMBERS = 50;
export const ACTIVITY_KINDS = ['SOSIALISASI', 'IDENTIFIKASI_KERAWANAN', 'PEMANTAUAN_MEDIA_SOSIAL'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const RISK_LEVELS = ['RENDAH', 'SEDANG', 'TINGGI'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_STATUSES = ['TERBUKA', 'DITANGANI'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
/** An activity, its risks, its counters and its checks are one DynamoDB transaction (at most 100 items). */
export const MAX_ACTIVITY_RISKS = 50;
export const MAX_ACTIVITY_REPORTS = 20;

export const SatgasMember = /* @__PURE__ */ z
  .strictObject({ name: text(200), role: z.enum(SATGAS_ROLES), nip: z.optional(nip), email: z.optional(email) })
  .register(z.globalRegistry, { id: 'SatgasMember' });

export const PutSatgasBody = /* @__PURE__ */ z
  .strictObject({
    decree: z
      .strictObject({
        number: text(200).check(z.describe('Nomor SK pembentukan Satgas.')),
        date: calendarDate.check(z.describe("The decree's date, not in the region's future.")),
      })
      .register(z.globalRegistry, { id: 'SatgasDecree' }),
    members: z.array(SatgasMember).check(
      z.minLength(1, 'minimal satu anggota / at least one member'),
      z.maxLength(MAX_SATGAS_MEMBERS, `paling banyak ${MAX_SATGAS_MEMBERS} anggota / at most ${MAX_SATGAS_MEMBERS} members`),
      z.superRefine((members, ctx) => {
        const chairs = members.filter((m) => m.role === 'KETUA').length;
        if (chairs !== 1) ctx.addIssue({ code: 'custom', message: `harus tepat satu KETUA, ada ${chairs} / exactly one KETUA, found ${chairs}` });
        const seen = new Map<string, number>();
        members.forEach((m, i) => {
          if (m.nip === undefined) return;
          if (seen.has(m.nip)) ctx.addIssue({ code: 'custom', path: [i, 'nip'], message: `NIP sama dengan anggota ${seen.get(m.nip)} / same NIP as member ${seen.get(m.nip)}` });
          else seen.set(m.nip, i);
        });
      }),
      z.describe('Exactly one KETUA; at most 50 members; a NIP at most once.'),
    ),
  })
  .register(z.globalRegistry, { id: 'PutSatgas' });
export type PutSatgasBody = z.infer<typeof PutSatgasBody>;

export const Satgas = /* @__PURE__ */ z.extend(PutSatgasBody, { opdId: z.string(), updatedAt: z.string() }).register(z.globalRegistry, { id: 'Satgas' });
export type Satgas = z.infer<typeof Satgas>;

export const RiskInput = /* @__PURE__ */ z
  .strictObject({
    stage: z.enum(STAGE_CODES),
    category: z.enum(CATEGORY_CODES),
    level: z.enum(RISK_LEVELS),
    description: text(2000),
    mitigation: z.optional(text(2000)),
  })
  .register(z.globalRegistry, { id: 'RiskInput' });

const heldAt = /* @__PURE__ */ z.union([
  z.iso.datetime({ offset: true, error: 'waktu ISO 8601 dengan zona, mis. 2024-08-26T08:00:00+07:00 / ISO 8601 date-time with offset' }),
  calendarDate,
]);
const count = /* @__PURE__ */ z.int().check(z.gte(0), z.lte(1_000_000));
/** Report ids as the report API gives them. */
export const reportId = /* @__PURE__ */ z.string().check(z.regex(/^[0-9A-Z]{26}$/, 'id laporan tidak valid / invalid report id'));

export const CreateActivityBody = /* @__PURE__ */ z
  .strictObject({
    opdId: opdId.check(z.describe('The OPD whose Satgas held the activity; it must have a Satgas.')),
    electionId: z.enum(ELECTION_IDS),
    kind: z.enum(ACTIVITY_KINDS),
    heldAt: heldAt.check(z.describe("A date (YYYY-MM-DD, the region's) or a date-time with offset, not in the future.")),
    summary: text(5000),
    participants: z.optional(z.strictObject({ asn: count, nonAsn: count })).check(z.describe('Required for SOSIALISASI.')),
    evidenceUrls,
    risks: z
      ._default(z.array(RiskInput).check(z.maxLength(MAX_ACTIVITY_RISKS)), [])
      .check(z.describe('The risks found, by IDENTIFIKASI_KERAWANAN and PEMANTAUAN_MEDIA_SOSIAL; a SOSIALISASI carries none (left out or empty). A bad row is named by its index (risks.2.level).')),
    reportIds: z
      ._default(z.array(reportId).check(z.maxLength(MAX_ACTIVITY_REPORTS)), [])
      .check(
        z.refine((ids) => new Set(ids).size === ids.length, 'reportIds berulang / reportIds repeat a report'),
        z.describe('Reports of this region and election the activity led to (reporter.kind SATGAS).'),
      ),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.kind === 'SOSIALISASI') {
        if (!body.participants) ctx.addIssue({ code: 'custom', path: ['participants'], message: 'jumlah peserta wajib untuk SOSIALISASI / participants are required for SOSIALISASI' });
        if (body.risks.length) ctx.addIssue({ code: 'custom', path: ['risks'], message: 'SOSIALISASI tidak mencatat kerawanan / a SOSIALISASI carries no risks' });
      }
    }),
  )
  .register(z.globalRegistry, { id: 'CreateSatgasActivity' });
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;
export type RiskInput = z.infer<typeof RiskInput>;

export const CreateActivityResult = /* @__PURE__ */ z.object({ id: z.string(), riskIds: z.array(z.string()) }).register(z.globalRegistry, { id: 'CreateSatgasActivityResult' });

export const Risk = /* @__PURE__ */ z.extend(RiskInput, {
  id: z.string(),
  regionId: z.string(),
  opdId: z.string(),
  electionId: z.enum(ELECTION_IDS),
  activityId: z.string(),
  status: z.enum(RISK_STATUSES),
  note: z.optional(z.string()).check(z.describe('The note of the last status change.')),
  history: z.array(z.object({ at: z.string(), status: z.enum(RISK_STATUSES), note: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
}).register(z.globalRegistry, { id: 'SatgasRisk' });
export type Risk = z.infer<typeof Risk>;

export const Activity = /* @__PURE__ */ z
  .object({
    id: z.string().check(z.describe('Sorts by heldAt: latest first is descending id.')),
    regionId: z.string(),
    opdId: z.string(),
    electionId: z.enum(ELECTION_IDS),
    kind: z.enum(ACTIVITY_KINDS),
    heldAt: z.string(),
    summary: z.string(),
    participants: z.optional(z.object({ asn: z.number(), nonAsn: z.number() })),
    evidenceUrls: z.array(z.string()),
    risks: z.array(z.extend(RiskInput, { id: z.string() })).check(z.describe('As recorded; their current status is in GET /v1/satgas/risks.')),
    reportIds: z.array(z.string()),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'SatgasActivity' });
export type Activity = z.infer<typeof Activity>;

export const ActivityParams = /* @__PURE__ */ z.strictObject({ id: z.string().check(z.regex(/^[0-9A-Z]{26}$/, 'id kegiatan tidak valid / invalid activity id')) });
export const ActivityDetail = /* @__PURE__ */ z.extend(Activity, {
  risks: z.array(Risk).check(z.describe('Its risks as they stand now: status, note and history.')),
}).register(z.globalRegistry, { id: 'SatgasActivityDetail' });
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const ListActivitiesQuery = /* @__PURE__ */ z.strictObject({
  electionId: z.optional(z.enum(ELECTION_IDS)),
  opdId: z.optional(opdId),
  kind: z.optional(z.enum(ACTIVITY_KINDS)),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});
export type ListActivitiesQuery = z.infer<typeof ListActivitiesQuery>;

export const ActivityPage = /* @__PURE__ */ z.object({ items: z.array(Activity), nextCursor: z.nullable(z.string()) }).register(z.globalRegistry, { id: 'SatgasActivityPage' });

export const RiskParams = /* @__PURE__ */ z.strictObject({ riskId: z.string().check(z.regex(/^[0-9A-Z]{26}$/, 'id kerawanan tidak valid / invalid risk id')) });
export const PutRiskBody = /* @__PURE__ */ z
  .strictObject({ status: z.enum(RISK_STATUSES), note: text(2000).check(z.describe('What was done (or why it is open again).')) })
  .register(z.globalRegistry, { id: 'PutSatgasRisk' });
export type PutRiskBody = z.infer<typeof PutRiskBody>;

/** Satgas counters of one OPD and election; `cells` by cellCounter (domain/vulnerability-map.ts). */
export interface SatgasOpdCounters {
  socialisations: number;
  identifications: number;
  monitoring: number;
  openRisks: number;
  /** Open risks of level TINGGI. */
  highRisks: number;
  cells: Record<string, number>;
}

/** Satgas counters of one region and election, per OPD (read with one Query). */
export interface SatgasCounters {
  opds: Record<string, SatgasOpdCounters>;
}

/** What recording an activity did: nothing is written unless it is `created`. */
export type CreatedActivity =
  | { outcome: 'created' }
  /** The OPD has no Satgas (or is not in the directory). */
  | { outcome: 'no-satgas' }
  /** reportIds[index] is not a report of this region and election. */
  | { outcome: 'unknown-report'; index: number };

/** An OPD's Satgas figures for one election, from its Satgas record and its counters. */
export function satgasFigures(
  opd: { satgas?: Pick<Satgas, 'members'> | undefined },
  counters: SatgasOpdCounters | undefined,
) {
  return {
    formed: opd.satgas !== undefined,
    members: opd.satgas?.members.length ?? 0,
    socialisations: counters?.socialisations ?? 0,
    identifications: counters?.identifications ?? 0,
    monitoring: counters?.monitoring ?? 0,
    openRisks: counters?.openRisks ?? 0,
    highRisks: counters?.highRisks ?? 0,
  };
}
