// The report: what a region submits, what it reads back, and how it lists them.
import { bilingual } from './messages.ts';
import * as z from 'zod';
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
import { calendarDate, evidenceUrls, nip, opdId, text } from './common.schema.ts';

export const Employee = z
  .strictObject({
    nip: nip.optional(),
    name: text(200),
    position: text(200),
    opdId,
    employmentType: z.enum(EMPLOYMENT_TYPES),
  })
  .refine((employee) => employee.employmentType === 'NON_ASN' || employee.nip !== undefined, {
    path: ['nip'],
    message: bilingual('NIP wajib untuk PNS dan PPPK', 'NIP is required for PNS and PPPK'),
  })
  .meta({ id: 'Employee' });

export const Reporter = z
  .strictObject({
    kind: z.enum(REPORTER_KINDS),
    name: text(200).optional(),
    contact: text(200).optional(),
  })
  .meta({ id: 'Reporter', description: 'Confidential: never shown in e-mails, decision pages or tracking.' });

export const SubmitReportBody = z
  .strictObject({
    electionId: z.enum(ELECTION_IDS),
    incidentDate: calendarDate,
    stage: z.enum(STAGE_CODES).optional().describe('Derived from incidentDate and the election calendar when absent.'),
    category: z.enum(CATEGORY_CODES),
    description: text(5000),
    location: text(300),
    evidenceUrls,
    employee: Employee,
    reporter: Reporter,
  })
  .meta({ id: 'SubmitReport' });
export type SubmitReportBody = z.infer<typeof SubmitReportBody>;

export const SubmitReportResult = z
  .object({ id: z.string(), receiptCode: z.string(), status: z.enum(REPORT_STATUSES) })
  .meta({ id: 'SubmitReportResult' });

export const TimelineEntry = z
  .object({
    at: z.string(),
    actor: z.string().describe('SYSTEM, REPORTER, OPD_HEAD, BKPP, PPK, BAWASLU'),
    by: z.string().optional().describe('The name of the person who acted, when one did (never the reporter).'),
    action: z.string(),
    status: z.enum(REPORT_STATUSES).optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Decision = z
  .object({
    step: z.enum(['OPD_REVIEW', 'BKPP_ASSESSMENT', 'PPK_DECISION']),
    outcome: z.enum(['FORWARD', 'RECOMMEND', 'IMPOSE', 'DISMISS']),
    level: z.enum(LEVEL_CODES).optional(),
    sanction: z.enum(SANCTION_CODES).optional(),
    decreeNumber: z.string().optional(),
    notes: z.string().optional(),
    by: z.object({ name: z.string(), role: z.string() }),
    at: z.string(),
  })
  .meta({ id: 'Decision' });
export type Decision = z.infer<typeof Decision>;

export const Report = z
  .object({
    id: z.string(),
    receiptCode: z.string(),
    regionId: z.string(),
    electionId: z.enum(ELECTION_IDS),
    incidentDate: z.string(),
    stage: z.enum(STAGE_CODES),
    category: z.enum(CATEGORY_CODES),
    description: z.string(),
    location: z.string(),
    evidenceUrls: z.array(z.string()),
    employee: Employee,
    reporter: Reporter,
    status: z.enum(REPORT_STATUSES),
    timeline: z.array(TimelineEntry),
    decisions: z.array(Decision),
    sanction: z
      .object({ level: z.enum(LEVEL_CODES), sanction: z.enum(SANCTION_CODES), decreeNumber: z.string() })
      .optional(),
    bawasluNotifiedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;
export type StoredReport = Omit<Report, 'timeline'>;

export const ReportParams = z.strictObject({ id: z.string().regex(/^[0-9A-Z]{26}$/, bilingual('id laporan tidak valid', 'invalid report id')) });

export const ListReportsQuery = z
  .strictObject({
    status: z.enum(REPORT_STATUSES).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    stage: z.enum(STAGE_CODES).optional(),
    electionId: z.enum(ELECTION_IDS).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(1024).optional(),
  });
export type ListReportsQuery = z.infer<typeof ListReportsQuery>;

export const ReportSummary = Report.pick({
  id: true, receiptCode: true, electionId: true, incidentDate: true, stage: true, category: true,
  status: true, employee: true, createdAt: true, updatedAt: true,
}).meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportPage = z
  .object({ items: z.array(ReportSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'ReportPage' });

export const TrackParams = z.strictObject({ receiptCode: z.string().max(32) });
export const Tracking = z
  .object({ receiptCode: z.string(), status: z.enum(REPORT_STATUSES), lastUpdate: z.string() })
  .meta({ id: 'Tracking', description: 'Nothing personal: status and the time of the last change only.' });
