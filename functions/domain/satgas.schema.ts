// Satgas netralitas: an OPD's task force, its activities and the risks they find, as regions send and read them.
import * as z from 'zod';
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

export const SatgasMember = z
  .strictObject({ name: text(200), role: z.enum(SATGAS_ROLES), nip: nip.optional(), email: email.optional() })
  .meta({ id: 'SatgasMember' });

export const PutSatgasBody = z
  .strictObject({
    decree: z
      .strictObject({ number: text(200).describe('Nomor SK pembentukan Satgas.'), date: calendarDate.describe("The decree's date, not in the region's future.") })
      .meta({ id: 'SatgasDecree' }),
    members: z
      .array(SatgasMember)
      .min(1, 'minimal satu anggota / at least one member')
      .max(MAX_SATGAS_MEMBERS, `paling banyak ${MAX_SATGAS_MEMBERS} anggota / at most ${MAX_SATGAS_MEMBERS} members`)
      .superRefine((members, ctx) => {
        const chairs = members.filter((m) => m.role === 'KETUA').length;
        if (chairs !== 1) ctx.addIssue({ code: 'custom', message: `harus tepat satu KETUA, ada ${chairs} / exactly one KETUA, found ${chairs}` });
        const seen = new Map<string, number>();
        members.forEach((m, i) => {
          if (m.nip === undefined) return;
          if (seen.has(m.nip)) ctx.addIssue({ code: 'custom', path: [i, 'nip'], message: `NIP sama dengan anggota ${seen.get(m.nip)} / same NIP as member ${seen.get(m.nip)}` });
          else seen.set(m.nip, i);
        });
      })
      .describe('Exactly one KETUA; at most 50 members; a NIP at most once.'),
  })
  .meta({ id: 'PutSatgas' });
export type PutSatgasBody = z.infer<typeof PutSatgasBody>;

export const Satgas = PutSatgasBody.extend({ opdId: z.string(), updatedAt: z.string() }).meta({ id: 'Satgas' });
export type Satgas = z.infer<typeof Satgas>;

export const RiskInput = z
  .strictObject({
    stage: z.enum(STAGE_CODES),
    category: z.enum(CATEGORY_CODES),
    level: z.enum(RISK_LEVELS),
    description: text(2000),
    mitigation: text(2000).optional(),
  })
  .meta({ id: 'RiskInput' });

const heldAt = z.union([
  z.iso.datetime({ offset: true, error: 'waktu ISO 8601 dengan zona, mis. 2024-08-26T08:00:00+07:00 / ISO 8601 date-time with offset' }),
  calendarDate,
]);
const count = z.number().int().min(0).max(1_000_000);
/** Report ids as the report API gives them. */
export const reportId = z.string().regex(/^[0-9A-Z]{26}$/, 'id laporan tidak valid / invalid report id');

export const CreateActivityBody = z
  .strictObject({
    opdId: opdId.describe('The OPD whose Satgas held the activity; it must have a Satgas.'),
    electionId: z.enum(ELECTION_IDS),
    kind: z.enum(ACTIVITY_KINDS),
    heldAt: heldAt.describe("A date (YYYY-MM-DD, the region's) or a date-time with offset, not in the future."),
    summary: text(5000),
    participants: z.strictObject({ asn: count, nonAsn: count }).optional().describe('Required for SOSIALISASI.'),
    evidenceUrls,
    risks: z
      .array(RiskInput)
      .max(MAX_ACTIVITY_RISKS)
      .default([])
      .describe('IDENTIFIKASI_KERAWANAN and PEMANTAUAN_MEDIA_SOSIAL only; a bad row is named by its index (risks.2.level).'),
    reportIds: z
      .array(reportId)
      .max(MAX_ACTIVITY_REPORTS)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, 'reportIds berulang / reportIds repeat a report')
      .describe('Reports of this region and election the activity led to (reporter.kind SATGAS).'),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'SOSIALISASI') {
      if (!body.participants) ctx.addIssue({ code: 'custom', path: ['participants'], message: 'jumlah peserta wajib untuk SOSIALISASI / participants are required for SOSIALISASI' });
      if (body.risks.length) ctx.addIssue({ code: 'custom', path: ['risks'], message: 'SOSIALISASI tidak mencatat kerawanan / a SOSIALISASI carries no risks' });
    }
  })
  .meta({ id: 'CreateSatgasActivity' });
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;
export type RiskInput = z.infer<typeof RiskInput>;

export const CreateActivityResult = z.object({ id: z.string(), riskIds: z.array(z.string()) }).meta({ id: 'CreateSatgasActivityResult' });

export const Risk = RiskInput.extend({
  id: z.string(),
  regionId: z.string(),
  opdId: z.string(),
  electionId: z.enum(ELECTION_IDS),
  activityId: z.string(),
  status: z.enum(RISK_STATUSES),
  note: z.string().optional().describe('The note of the last status change.'),
  history: z.array(z.object({ at: z.string(), status: z.enum(RISK_STATUSES), note: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'SatgasRisk' });
export type Risk = z.infer<typeof Risk>;

export const Activity = z
  .object({
    id: z.string().describe('Sorts by heldAt: latest first is descending id.'),
    regionId: z.string(),
    opdId: z.string(),
    electionId: z.enum(ELECTION_IDS),
    kind: z.enum(ACTIVITY_KINDS),
    heldAt: z.string(),
    summary: z.string(),
    participants: z.object({ asn: z.number(), nonAsn: z.number() }).optional(),
    evidenceUrls: z.array(z.string()),
    risks: z.array(RiskInput.extend({ id: z.string() })).describe('As recorded; their current status is in GET /v1/satgas/risks.'),
    reportIds: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'SatgasActivity' });
export type Activity = z.infer<typeof Activity>;

export const ActivityParams = z.strictObject({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'id kegiatan tidak valid / invalid activity id') });
export const ActivityDetail = Activity.extend({
  risks: z.array(Risk).describe('Its risks as they stand now: status, note and history.'),
}).meta({ id: 'SatgasActivityDetail' });
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const ListActivitiesQuery = z.strictObject({
  electionId: z.enum(ELECTION_IDS).optional(),
  opdId: opdId.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(1024).optional(),
});
export type ListActivitiesQuery = z.infer<typeof ListActivitiesQuery>;

export const ActivityPage = z.object({ items: z.array(Activity), nextCursor: z.string().nullable() }).meta({ id: 'SatgasActivityPage' });

export const RiskParams = z.strictObject({ riskId: z.string().regex(/^[0-9A-Z]{26}$/, 'id kerawanan tidak valid / invalid risk id') });
export const PutRiskBody = z
  .strictObject({ status: z.enum(RISK_STATUSES), note: text(2000).describe('What was done (or why it is open again).') })
  .meta({ id: 'PutSatgasRisk' });
export type PutRiskBody = z.infer<typeof PutRiskBody>;
