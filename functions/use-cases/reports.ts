// Report intake and queries: the rules between the HTTP edge and the report store.
import type { Dependencies } from '#ports';
import { IdempotencyKeyReusedError, InputError, NotFoundError } from '#domain/errors';
import { stageOn } from '#domain/elections';
import { receiptCode, RECEIPT_CODE_PATTERN, reportIdFor, requestHash, ulid } from '#domain/ids';
import { STAGES } from '#domain/codes';
import { fieldError, joined, message, type Message } from '#domain/messages';
import { localDate, regionTimeZone } from '#domain/time-zones';
import { publicReport, type ListReportsQuery, type Report, type StoredReport, type SubmitReportBody } from '#domain/report.schema';
import { dueInstant, recommendationOf, sourceOf } from '#domain/recommendation';
import type { NationalBody } from '#domain/national-bodies';
import { repairWorkflow } from './reconcile.ts';
import { sealReporter } from './personal-data.ts';

/** The region's time zone (its own, else its province's). */
export async function regionZone(deps: Pick<Dependencies, 'regions'>, regionId: string): Promise<string> {
  return regionTimeZone((await deps.regions.get(regionId)) ?? { id: regionId });
}

/** True when a date (YYYY-MM-DD) is after the region's today. A date before the earliest "today" on Earth
 *  (UTC−12) is past in every zone, so most dates need no read of the region. */
export async function isAfterRegionToday(deps: Pick<Dependencies, 'regions'>, regionId: string, date: string, now: Date): Promise<boolean> {
  if (date < localDate(now, 'Etc/GMT+12')) return false;
  return date > localDate(now, await regionZone(deps, regionId));
}

/** The one message for an OPD the directory does not have. */
/** An opdId the directory does not have: the message names the ones it has, so a caller can see the id it meant. */
export function unknownOpd(known: Iterable<string>): Message {
  const ids = [...known].sort();
  const shown = ids.length > 20 ? `${ids.slice(0, 20).join(', ')} … (+${ids.length - 20})` : ids.join(', ') || '-';
  return message(`OPD tidak ada di direktori; yang terdaftar: ${shown}`, `not in the directory: ${shown} (add one with PUT /v1/directory/opds/{opdId})`);
}

/** The same, reading the directory's OPDs (only on the way to a 400, so the happy path reads nothing more). */
export async function unknownOpdOf(deps: Pick<Dependencies, 'directory'>, regionId: string): Promise<Message> {
  return unknownOpd((await deps.directory.listOpds(regionId)).map((opd) => opd.opdId));
}

export async function submitReport(
  deps: Pick<Dependencies, 'clock' | 'reports' | 'workflow' | 'regions' | 'seal' | 'directory'>,
  input: { regionId: string; body: SubmitReportBody; idempotencyKey?: string | undefined; nationalBody?: NationalBody | undefined },
): Promise<StoredReport> {
  const { regionId, body } = input;
  const now = deps.clock.now();
  if (await isAfterRegionToday(deps, regionId, body.incidentDate, now)) {
    throw new InputError([fieldError('incidentDate', message('tanggal kejadian belum terjadi (menurut tanggal di daerah Anda)', 'the incident date is in the future (in your region’s date)'))]);
  }
  const at = now.toISOString();
  const stage = body.stage ?? stageOn(body.electionId, body.incidentDate);
  // A recommendation's dates are read in the region's zone: one more read, for recommendations only.
  const recommendation = recommendationOf(body);
  let followUpDueAt: string | undefined;
  if (recommendation) {
    const zone = regionTimeZone((await deps.regions.get(regionId)) ?? { id: regionId });
    if (recommendation.issuedAt > localDate(now, zone)) {
      throw new InputError([fieldError('source.issuedAt', message('tanggal terbit belum terjadi', 'issuedAt is in the future'))]);
    }
    followUpDueAt = dueInstant(recommendation, zone)?.toISOString();
  }
  const id = input.idempotencyKey ? reportIdFor(regionId, input.idempotencyKey) : ulid(now.getTime());
  // Sealed before anything is written: a master key out of reach is a 503 with nothing stored.
  const reporterSealed = await sealReporter(deps, { regionId, reportId: id }, body.reporter);
  const report: StoredReport = {
    ...body,
    reporter: { kind: body.reporter.kind, sealed: true },
    ...(reporterSealed ? { reporterSealed } : {}),
    ...(followUpDueAt ? { followUpDueAt } : {}),
    ...(input.nationalBody ? { nationalBody: input.nationalBody } : {}),
    id,
    receiptCode: receiptCode(),
    regionId,
    stage,
    status: 'RECEIVED',
    decisions: [],
    createdAt: at,
    updatedAt: at,
  };
  const note = body.stage
    ? undefined
    : joined(message(`Tahapan ${STAGES[stage].id} ditentukan dari tanggal kejadian`, `stage ${STAGES[stage].en} derived from the incident date`));
  const created = await deps.reports.create(
    report,
    { at, actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED', ...(note ? { note } : {}) },
    // The identity stays out of the stored hash (an unsalted hash of a name is one a reader can guess).
    input.idempotencyKey ? requestHash({ ...body, reporter: { kind: body.reporter.kind } }) : undefined,
  );
  if (created.outcome === 'unknown-opd') {
    throw new InputError([fieldError('employee.opdId', await unknownOpdOf(deps, regionId))]);
  }
  // A retry with the Idempotency-Key of another submission that sent something else.
  if (created.outcome === 'exists' && !created.sameRequest) throw new IdempotencyKeyReusedError();
  const stored = created.report;
  // Started after the report is stored, under a name derived from it: if this fails the caller gets 503,
  // and its retry (same Idempotency-Key, so the same report id) finds the report and repairs its workflow
  // at once when it is not running (never started, failed, stopped); the reconciler does the same later.
  if (created.outcome === 'exists') await repairWorkflow(deps, stored);
  else await deps.workflow.start({ regionId, reportId: stored.id });
  return stored;
}

export async function getReport(deps: Pick<Dependencies, 'reports'>, regionId: string, id: string): Promise<Report> {
  const found = await deps.reports.get(regionId, id);
  if (!found) throw new NotFoundError(joined(message(`Laporan ${id} tidak ditemukan`, 'report not found')));
  return { ...publicReport(found.report), source: sourceOf(found.report), timeline: found.timeline };
}

export function listReports(deps: Pick<Dependencies, 'reportQueries'>, regionId: string, query: ListReportsQuery) {
  return deps.reportQueries.list(regionId, query);
}

export async function trackReport(deps: Pick<Dependencies, 'reportQueries'>, code: string) {
  const normalised = code.trim().toUpperCase();
  const found = RECEIPT_CODE_PATTERN.test(normalised) ? await deps.reportQueries.findByReceipt(normalised) : null;
  if (!found) throw new NotFoundError(joined(message('Kode tanda terima tidak dikenal', 'unknown receipt code')));
  return { receiptCode: normalised, status: found.status, lastUpdate: found.updatedAt };
}
