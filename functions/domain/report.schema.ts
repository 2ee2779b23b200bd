// The report: what a region submits, what it reads back, and how it lists them.
import { bilingual } from './messages.ts';
import * as z from 'zod/mini';
import {
  CATEGORY_CODES,
  EMPLOYMENT_TYPES,
  LEVEL_CODES,
  REPORT_STATUSES,
  REPORTER_KINDS,
  SANCTION_CODES,
  STAGE_CODES,
} from './codes.ts';
import { ELECTION_IDS } from './elections.ts';
import { actByCode, actCodes } from './guidance.ts';
import { calendarDate, evidenceUrls, nip, opdId, text } from './common.schema.ts';
import { RECOMMENDATION_KINDS, Source, sourceOf } from './recommendation.ts';
import { SealedReporter, type SealedValue } from './personal-data.schema.ts';
import { Appeal, SanctionRecord, type AppealOutcome } from './appeals.ts';
import { NATIONAL_BODIES, NationalAction } from './national-bodies.ts';

export const Employee = /* @__PURE__ */ z
  .strictObject({
    nip: z.optional(nip),
    name: text(200),
    position: text(200),
    opdId,
    employmentType: z.enum(EMPLOYMENT_TYPES),
  })
  .check(
    z.refine((employee) => employee.employmentType === 'NON_ASN' || employee.nip !== undefined, {
      path: ['nip'],
      message: bilingual('NIP wajib untuk PNS dan PPPK', 'NIP is required for PNS and PPPK'),
    }),
  )
  .register(z.globalRegistry, { id: 'Employee' });

/** The employee as answers show them: as submitted, or once the report's personal data is erased, without the NIP
 *  (kept as `nipHash`) and with the name replaced. */
export const ReportEmployee = /* @__PURE__ */ z
  .object({
    nip: z.optional(z.string()),
    nipHash: z.optional(z.string()).check(z.describe('Once erased: HMAC-SHA256 of the NIP under the stack\'s key (docs/privacy.md).')),
    name: z.string(),
    position: z.string(),
    opdId: z.string(),
    employmentType: z.enum(EMPLOYMENT_TYPES),
  })
  .register(z.globalRegistry, { id: 'ReportEmployee' });

export const Reporter = /* @__PURE__ */ z
  .strictObject({
    kind: z.enum(REPORTER_KINDS),
    name: z.optional(text(200)),
    contact: z.optional(text(200)),
  })
  .register(z.globalRegistry, { id: 'Reporter', description: 'Confidential: never shown in e-mails, decision pages or tracking.' });

export const SubmitReportBody = /* @__PURE__ */ z
  .strictObject({
    electionId: z.enum(ELECTION_IDS),
    incidentDate: calendarDate,
    stage: z.optional(z.enum(STAGE_CODES)).check(z.describe('Derived from incidentDate and the election calendar when absent.')),
    category: z.enum(CATEGORY_CODES),
    description: text(5000),
    location: text(300),
    evidenceUrls,
    employee: Employee,
    reporter: Reporter,
    source: z._default(Source, { kind: 'INTERNAL' }),
    actCode: z
      .optional(z.enum(actCodes(), { error: 'bukan kode tindakan katalog panduan (GET /v1/guidance) / not an act of the guidance catalogue (GET /v1/guidance)' }))
      .check(z.describe("An act of the guidance catalogue; its category must be the report's.")),
  })
  .check(
    z.superRefine((body, ctx) => {
      const act = body.actCode ? actByCode(body.actCode) : undefined;
      if (act && act.category !== body.category) {
        ctx.addIssue({
          code: 'custom',
          path: ['actCode'],
          message: `${body.actCode} termasuk kategori ${act.category}, bukan ${body.category} / this act belongs to category ${act.category}, not ${body.category}`,
        });
      }
    }),
  )
  .register(z.globalRegistry, { id: 'SubmitReport' });
export type SubmitReportBody = z.infer<typeof SubmitReportBody>;

export const SubmitReportResult = /* @__PURE__ */ z
  .object({ id: z.string(), receiptCode: z.string(), status: z.enum(REPORT_STATUSES) })
  .register(z.globalRegistry, { id: 'SubmitReportResult' });

export const TimelineEntry = /* @__PURE__ */ z
  .object({
    at: z.string(),
    actor: z.string().check(z.describe('SYSTEM, REPORTER, OPD_HEAD, BKPP, PPK, BAWASLU, REGION (the region\'s system, by its API key)')),
    by: z.optional(z.string()).check(z.describe('The name of the person who acted, when one did (never the reporter).')),
    action: z.string(),
    status: z.optional(z.enum(REPORT_STATUSES)),
    note: z.optional(z.string()),
    event: z.optional(z.string()).check(z.describe('The Bawaslu webhook event this entry records (report.received, report.overdue, report.closed).')),
    keyId: z.optional(z.string()).check(z.describe('REPORTER_UNSEALED: the id of the API key that unsealed the reporter (the reason is the note).')),
    hash: z.optional(z.string()).check(z.describe('Hex SHA-256 of the previous entry\'s hash (the report id for the first) and this entry\'s canonical JSON without `hash`.')),
    carried: z.optional(z.string()).check(z.describe('On the entry of a notice to Bawaslu (e-mail or webhook): the timelineHash that notice carried, the hash of an earlier entry (the chain\'s head when it was sent).')),
    salt: z.optional(z.string()).check(z.describe('An entry with `by` or `note` commits to them through SHA-256 of this salt, the field name and the value (docs/privacy.md); erased with them.')),
    erased: z.optional(z.record(z.string(), z.string())).check(z.describe('Once the report\'s personal data is erased: the commitments of the values erased from this entry, which its hash still covers.')),
    formerHash: z.optional(z.string()).check(z.describe('The hash this entry had before its chain was salted (report migrate), which an earlier notice may have carried.')),
  })
  .register(z.globalRegistry, { id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Decision = /* @__PURE__ */ z
  .object({
    step: z.enum(['OPD_REVIEW', 'BKPP_ASSESSMENT', 'PPK_DECISION']),
    outcome: z.enum(['FORWARD', 'RECOMMEND', 'IMPOSE', 'DISMISS']),
    level: z.optional(z.enum(LEVEL_CODES)),
    sanction: z.optional(z.enum(SANCTION_CODES)),
    decreeNumber: z.optional(z.string()),
    notes: z.optional(z.string()),
    guidance: z
      .optional(z.object({ version: z.string(), acts: z.array(z.string()), followed: z.boolean() }))
      .check(z.describe('RECOMMEND and IMPOSE: the catalogue acts the level was checked against, and whether it is on one of their paths.')),
    by: z.object({ name: z.string(), role: z.string() }),
    at: z.string(),
  })
  .register(z.globalRegistry, { id: 'Decision' });
export type Decision = z.infer<typeof Decision>;
/** The PPK's decision on an objection as its decision link's record keeps it (the report keeps it in
 *  appeals[].decision, never in decisions[]). */
export type ObjectionDecision = Omit<Decision, 'step' | 'outcome'> & { step: 'APPEAL'; outcome: AppealOutcome };
/** What a decision link recorded: a step's decision, or the PPK's on an objection. */
export type LinkDecision = Decision | ObjectionDecision;

export const Report = /* @__PURE__ */ z
  .object({
    id: z.string(),
    receiptCode: z.string(),
    regionId: z.string(),
    electionId: z.enum(ELECTION_IDS),
    incidentDate: z.string(),
    stage: z.enum(STAGE_CODES),
    category: z.enum(CATEGORY_CODES),
    actCode: z.optional(z.string()),
    description: z.string(),
    location: z.string(),
    evidenceUrls: z.array(z.string()),
    employee: ReportEmployee,
    reporter: SealedReporter,
    source: Source,
    status: z.enum(REPORT_STATUSES),
    timeline: z.array(TimelineEntry),
    decisions: z.array(Decision),
    sanction: z.optional(SanctionRecord).check(z.describe('The sanction in force; absent before the PPK imposes one and after an appeal annuls it.')),
    sanctionHistory: z.optional(z.array(SanctionRecord)).check(z.describe('Earlier sanctions an appeal replaced or annulled, oldest first.')),
    appeals: z.optional(z.array(Appeal)).check(z.describe('Objections (KEBERATAN) and appeals (BANDING) against the sanction, in filing order.')),
    bawasluNotifiedAt: z.optional(z.string()),
    followUpDueAt: z.optional(z.string()).check(z.describe('A recommendation: when its follow-up is due (README, "Follow-up figures").')),
    timelineHash: z.optional(z.string()).check(z.describe('The last timeline entry\'s hash.')),
    timelineMigratedAt: z.optional(z.string()).check(z.describe('Set when the chain of an older report was computed after the fact, at that time.')),
    overdueAt: z.optional(z.string()).check(z.describe('When the report became overdue: a BKPP or PPK wait passed its last escalation.')),
    nationalBody: z.optional(z.enum(NATIONAL_BODIES)).check(z.describe('The national body that pushed this recommendation into the region (POST /v1/national/recommendations).')),
    nationalActions: z.optional(z.array(NationalAction)).check(z.describe('What that national body did about it (warning letters, data blocks), oldest first.')),
    personalDataErasedAt: z.optional(z.string()).check(z.describe('When the retention purge erased its personal data (names, NIP, description, location, evidence, reporter, notes).')),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Report' });
export type Report = z.infer<typeof Report>;
/** The report as stored: reports from before recommendations have no `source` (they are INTERNAL); also the
 *  workflow's bookkeeping, which the API never shows (see WORKFLOW_FIELDS). */
export type StoredReport = Omit<Report, 'timeline' | 'source' | 'reporter'> & {
  source?: Source;
  /** `{kind, sealed: true}` once sealed; a report stored before sealing carries its name and contact here until
   *  `report migrate` seals them. */
  reporter: { kind: Report['reporter']['kind']; sealed?: true; name?: string | undefined; contact?: string | undefined };
  /** The sealed name and contact (SealedValue): never answered. */
  reporterSealed?: SealedValue;
  /** The key of the current decision link of the report's step: only that link decides. */
  pendingDecision?: string;
  /** The run number of the report's current execution (absent: 0, the one the intake started). */
  workflowRun?: number;
  /** Counts the changes of `sanction`, `sanctionHistory` and `appeals` after the PPK's decision: each is written only
   *  while it is still the one read (ReportTransition.appeal). */
  appealsVersion?: number;
};
export const WORKFLOW_FIELDS = ['pendingDecision', 'workflowRun', 'roundsOf', 'rounds', 'reporterSealed', 'appealsVersion'] as const;

/** The report as the API and Bawaslu see it: without the workflow's bookkeeping, the reporter sealed (its kind
 *  only, whether or not `report migrate` has sealed an older report yet). */
export function publicReport<T extends Partial<StoredReport>>(report: T): Omit<T, (typeof WORKFLOW_FIELDS)[number] | 'reporter'> & { reporter: SealedReporter } {
  const copy: Record<string, unknown> = { ...report };
  for (const field of WORKFLOW_FIELDS) delete copy[field];
  if (report.reporter) copy.reporter = { kind: report.reporter.kind, sealed: true };
  return copy as Omit<T, (typeof WORKFLOW_FIELDS)[number] | 'reporter'> & { reporter: SealedReporter };
}

/** A report as its readers get it (the region's API, Bawaslu's webhook): everything but the reporter's identity
 *  (`{kind, sealed: true}`) and the workflow's bookkeeping, with its source and its timeline. */
export function reportWithTimeline(report: StoredReport, timeline: TimelineEntry[]): Report {
  return { ...publicReport(report), source: sourceOf(report), timeline };
}

export const ReportParams = /* @__PURE__ */ z.strictObject({ id: z.string().check(z.regex(/^[0-9A-Z]{26}$/, bilingual('id laporan tidak valid', 'invalid report id'))) });

export const ListReportsQuery = /* @__PURE__ */ z
  .strictObject({
    status: z.optional(z.enum(REPORT_STATUSES)),
    category: z.optional(z.enum(CATEGORY_CODES)),
    stage: z.optional(z.enum(STAGE_CODES)),
    electionId: z.optional(z.enum(ELECTION_IDS)),
    source: z.optional(z.enum(['INTERNAL', ...RECOMMENDATION_KINDS])),
    overdue: z.optional(z.enum(['true', 'false'])).check(z.describe('true: open reports that are overdue; false: those that are not.')),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
  });
export type ListReportsQuery = z.infer<typeof ListReportsQuery>;

export const ReportSummary = /* @__PURE__ */ z.pick(Report, {
  id: true, receiptCode: true, electionId: true, incidentDate: true, stage: true, category: true,
  status: true, employee: true, overdueAt: true, createdAt: true, updatedAt: true,
}).register(z.globalRegistry, { id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportPage = /* @__PURE__ */ z
  .object({ items: z.array(ReportSummary), nextCursor: z.nullable(z.string()) })
  .register(z.globalRegistry, { id: 'ReportPage' });

export const TrackParams = /* @__PURE__ */ z.strictObject({ receiptCode: z.string().check(z.maxLength(32)) });
export const Tracking = /* @__PURE__ */ z
  .object({ receiptCode: z.string(), status: z.enum(REPORT_STATUSES), lastUpdate: z.string() })
  .register(z.globalRegistry, { id: 'Tracking', description: 'Nothing personal: status and the time of the last change only.' });
