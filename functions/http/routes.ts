// Every HTTP route: its handler file, schemas and auth. The local server, the OpenAPI document and
// the CDK stack all read this list, so a route is declared once.
import { bilingual } from '#domain/messages';
import * as z from 'zod/mini';
import {
  ListReportsQuery, Report, ReportPage, ReportParams, SubmitReportBody, SubmitReportResult, TrackParams, Tracking,
} from '#domain/report.schema';
import { Directory, OpdParams, Opd, PutContactsBody, PutOpdBody, PutSettingsBody } from '#domain/directory.schema';
import { Stats, StatsQuery } from '#domain/stats.schema';
import {
  AddSignatoriesBody, AddSignatoriesResult, CeremonyList, CeremonyParams, Compliance, ComplianceQuery, CreateCeremonyBody,
  CreateCeremonyResult, ListCeremoniesQuery,
} from '#domain/ceremony.schema';
import { GuidanceCatalogue, GuidanceQuery } from '#domain/guidance.schema';
import {
  ActivityDetail, ActivityPage, ActivityParams, CreateActivityBody, CreateActivityResult, ListActivitiesQuery, PutRiskBody, PutSatgasBody, Risk, RiskParams, Satgas,
} from '#domain/satgas.schema';
import { RiskMap, RiskMapQuery } from '#domain/vulnerability-map';
import type { Route } from '#lib/route';

const Ok = z.object({ ok: z.literal(true) }).register(z.globalRegistry, { id: 'Ok' });
const Health = z.object({ status: z.literal('ok') }).register(z.globalRegistry, { id: 'Health' });
const OpenApiDocument = z
  .looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .register(z.globalRegistry, { id: 'OpenApiDocument' });
const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z.optional(z.string().check(z.regex(/^[\x21-\x7e]{1,255}$/, bilingual('1-255 karakter ASCII tanpa spasi', '1-255 visible ASCII characters')))),
});

// Decision links are opened by people from e-mails: a bad id or signature is judged by the use case (403/404),
// not rejected here as 400, so these shapes stay loose.
const DecisionParams = z.strictObject({ decisionId: z.string().check(z.maxLength(128)) });
const DecisionQuery = z.looseObject({
  exp: z.optional(z.string()).check(z.describe('The link expiry (epoch seconds), signed.')),
  sig: z.optional(z.string()).check(z.describe('HMAC signature of the decision id and expiry.')),
});
/** A form field of at most `max` characters, described for the document. */
const formField = (max: number, description: string) => z.optional(z.string().check(z.maxLength(max))).check(z.describe(description));
const DecisionFormBody = z
  .looseObject({
    outcome: formField(20, 'OPD: FORWARD|DISMISS; BKPP: RECOMMEND|DISMISS; PPK: IMPOSE|DISMISS'),
    level: formField(20, 'RECOMMEND and IMPOSE: MORAL, RINGAN, SEDANG, BERAT'),
    sanction: formField(40, 'RECOMMEND and IMPOSE: a sanction of the chosen level'),
    decreeNumber: formField(500, 'IMPOSE: the decree number (nomor SK)'),
    notes: formField(10_000, 'Required to DISMISS'),
  })
  .register(z.globalRegistry, { id: 'DecisionForm' });

export const routes = {
  submitReport: {
    operationId: 'submitReport', method: 'POST', path: '/v1/reports', auth: true, successStatus: 202,
    summary: 'Submit a report of a suspected neutrality violation (Idempotency-Key makes retries safe).',
    body: SubmitReportBody, response: SubmitReportResult,
    headers: IdempotencyHeaders,
  },
  getReport: {
    operationId: 'getReport', method: 'GET', path: '/v1/reports/{id}', auth: true, successStatus: 200,
    summary: 'The report with its status, timeline and decisions.', params: ReportParams, response: Report,
  },
  listReports: {
    operationId: 'listReports', method: 'GET', path: '/v1/reports', auth: true, successStatus: 200,
    summary: 'Reports of the region, newest first, with cursor pagination.', query: ListReportsQuery, response: ReportPage,
  },
  getCaseFile: {
    operationId: 'getCaseFile', method: 'GET', path: '/v1/reports/{id}/case-file', auth: true, successStatus: 200, document: true,
    summary: 'The case file: a printable A4 HTML document (Indonesian, English below headings) with the summary, source and recommendation, decisions, the timeline with its hashes and the sanction; never the reporter.',
    params: ReportParams,
  },
  trackReport: {
    operationId: 'trackReport', method: 'GET', path: '/v1/track/{receiptCode}', auth: false, successStatus: 200,
    summary: 'Public tracking by receipt code: status and last update only.', params: TrackParams, response: Tracking,
  },
  getGuidance: {
    operationId: 'getGuidance', method: 'GET', path: '/v1/guidance', auth: false, successStatus: 200,
    summary: 'Public: the guidance catalogue (prohibited acts with their sanction paths and legal basis, and what an ASN may do).',
    query: GuidanceQuery, response: GuidanceCatalogue,
  },
  putOpd: {
    operationId: 'putOpd', method: 'PUT', path: '/v1/directory/opds/{opdId}', auth: true, successStatus: 200,
    summary: 'Create or replace an OPD and its head.', params: OpdParams, body: PutOpdBody, response: Opd,
  },
  putContacts: {
    operationId: 'putContacts', method: 'PUT', path: '/v1/directory/contacts', auth: true, successStatus: 200,
    summary: 'Set the BKPP, PPK, Bawaslu and (optional) Sekda contacts.', body: PutContactsBody, response: Ok,
  },
  putSettings: {
    operationId: 'putSettings', method: 'PUT', path: '/v1/directory/settings', auth: true, successStatus: 200,
    summary: 'Reminder and deadline durations (ISO 8601) per workflow step.', body: PutSettingsBody, response: PutSettingsBody,
  },
  getDirectory: {
    operationId: 'getDirectory', method: 'GET', path: '/v1/directory', auth: true, successStatus: 200,
    summary: "The region's directory and settings.", response: Directory,
  },
  getStats: {
    operationId: 'getStats', method: 'GET', path: '/v1/stats', auth: true, successStatus: 200,
    summary: 'Report counts by status, category, stage, level and outcome for one election.', query: StatsQuery, response: Stats,
  },
  getDecision: {
    operationId: 'getDecision', method: 'GET', path: '/decisions/{decisionId}', auth: false, successStatus: 200, html: true,
    summary: 'The decision page an approver opens from an e-mail (HTML). Changes nothing.', params: DecisionParams, query: DecisionQuery,
  },
  postDecision: {
    operationId: 'postDecision', method: 'POST', path: '/decisions/{decisionId}', auth: false, successStatus: 200, html: true,
    summary: 'Records the decision once and resumes the workflow (HTML form post). 400 re-shows the form; 409 used; 410 expired.',
    params: DecisionParams, query: DecisionQuery, body: DecisionFormBody, bodyType: 'form', maxBodyBytes: 32 * 1024,
  },
  createCeremony: {
    operationId: 'createCeremony', method: 'POST', path: '/v1/ceremonies', auth: true, successStatus: 201,
    summary: 'Record a pledge ceremony (Ikrar Netralitas ASN) or the regional head\'s declaration (Idempotency-Key makes retries safe).',
    body: CreateCeremonyBody, response: CreateCeremonyResult,
    headers: IdempotencyHeaders,
  },
  listCeremonies: {
    operationId: 'listCeremonies', method: 'GET', path: '/v1/ceremonies', auth: true, successStatus: 200,
    summary: 'Ceremonies of the region, latest first, with their pledge text and signatory counts.',
    query: ListCeremoniesQuery, response: CeremonyList,
  },
  addSignatories: {
    operationId: 'addSignatories', method: 'POST', path: '/v1/ceremonies/{id}/signatories', auth: true, successStatus: 200,
    summary: 'Add up to 1,000 signatories; bad rows come back by index, employees who already signed count as duplicates.',
    params: CeremonyParams, body: AddSignatoriesBody, response: AddSignatoriesResult,
    // 1,000 rows of the longest valid fields fit in about 700 KB.
    maxBodyBytes: 1024 * 1024,
  },
  getCompliance: {
    operationId: 'getCompliance', method: 'GET', path: '/v1/compliance', auth: true, successStatus: 200,
    summary: 'Per OPD: Ikrar ceremonies held, signatories and coverage of the headcount, for one election.',
    query: ComplianceQuery, response: Compliance,
  },
  putSatgas: {
    operationId: 'putSatgas', method: 'PUT', path: '/v1/directory/opds/{opdId}/satgas', auth: true, successStatus: 200,
    summary: "Form or replace the OPD's Satgas netralitas: its decree and members (one KETUA, at most 50). 404 for an OPD not in the directory.",
    params: OpdParams, body: PutSatgasBody, response: Satgas,
  },
  createSatgasActivity: {
    operationId: 'createSatgasActivity', method: 'POST', path: '/v1/satgas/activities', auth: true, successStatus: 201,
    summary: 'Record a Satgas activity (socialisation, vulnerability identification, social-media monitoring) with its risks (Idempotency-Key makes retries safe).',
    body: CreateActivityBody, response: CreateActivityResult,
    headers: IdempotencyHeaders,
  },
  listSatgasActivities: {
    operationId: 'listSatgasActivities', method: 'GET', path: '/v1/satgas/activities', auth: true, successStatus: 200,
    summary: 'Satgas activities of the region, latest held first, with cursor pagination.', query: ListActivitiesQuery, response: ActivityPage,
  },
  getSatgasActivity: {
    operationId: 'getSatgasActivity', method: 'GET', path: '/v1/satgas/activities/{id}', auth: true, successStatus: 200,
    summary: 'One Satgas activity with its risks as they stand now.', params: ActivityParams, response: ActivityDetail,
  },
  putSatgasRisk: {
    operationId: 'putSatgasRisk', method: 'PUT', path: '/v1/satgas/risks/{riskId}', auth: true, successStatus: 200,
    summary: 'Mark a risk handled (DITANGANI) or open again (TERBUKA), with a note.', params: RiskParams, body: PutRiskBody, response: Risk,
  },
  getSatgasRisks: {
    operationId: 'getSatgasRisks', method: 'GET', path: '/v1/satgas/risks', auth: true, successStatus: 200,
    summary: 'The vulnerability map: risks of one election by stage × category × level, and the risks; with Accept: text/html, a printable page with a heat map.',
    query: RiskMapQuery, response: RiskMap, htmlAlternative: true,
  },
  openapi: {
    operationId: 'openapi', method: 'GET', path: '/openapi.json', auth: false, successStatus: 200,
    summary: 'This OpenAPI 3.1 document.', response: OpenApiDocument,
  },
  health: {
    operationId: 'health', method: 'GET', path: '/health', auth: false, successStatus: 200,
    summary: '200 when ready.', response: Health,
  },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;

/** The handler module of each route, as a file under functions/http/ (kebab-case of the operation). */
export function handlerFile(name: RouteName): string {
  return `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
}
