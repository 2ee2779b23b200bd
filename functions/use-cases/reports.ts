// Report intake and queries: the rules between the HTTP edge and the report store.
import type { Dependencies } from '#ports';
import { IdempotencyKeyReusedError, InputError, NotFoundError } from '#domain/errors';
import { stageOn } from '#domain/elections';
import { receiptCode, RECEIPT_CODE_PATTERN, reportIdFor, requestHash, ulid } from '#domain/ids';
import { STAGES } from '#domain/codes';
import { publicReport, type ListReportsQuery, type Report, type StoredReport, type SubmitReportBody } from '#domain/report.schema';
import { repairWorkflow } from './reconcile.ts';

/** Today's date in Western Indonesia Time, the latest date an incident can have happened. */
export function todayInWib(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export async function submitReport(
  deps: Pick<Dependencies, 'clock' | 'reports' | 'workflow'>,
  input: { regionId: string; body: SubmitReportBody; idempotencyKey?: string | undefined },
): Promise<StoredReport> {
  const { regionId, body } = input;
  const now = deps.clock.now();
  if (body.incidentDate > todayInWib(now)) {
    throw new InputError([{ path: 'incidentDate', message: 'tanggal kejadian belum terjadi / the incident date is in the future' }]);
  }
  const at = now.toISOString();
  const stage = body.stage ?? stageOn(body.electionId, body.incidentDate);
  const report: StoredReport = {
    ...body,
    id: input.idempotencyKey ? reportIdFor(regionId, input.idempotencyKey) : ulid(now.getTime()),
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
    : `Tahapan ${STAGES[stage].id} ditentukan dari tanggal kejadian / stage derived from the incident date`;
  const created = await deps.reports.create(
    report,
    { at, actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED', ...(note ? { note } : {}) },
    input.idempotencyKey ? requestHash(body) : undefined,
  );
  if (created.outcome === 'unknown-opd') {
    throw new InputError([{ path: 'employee.opdId', message: 'OPD tidak terdaftar di direktori / unknown OPD: add it with PUT /v1/directory/opds/{opdId}' }]);
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
  if (!found) throw new NotFoundError(`Laporan ${id} tidak ditemukan / report not found`);
  return { ...publicReport(found.report), timeline: found.timeline };
}

export function listReports(deps: Pick<Dependencies, 'reports'>, regionId: string, query: ListReportsQuery) {
  return deps.reports.list(regionId, query);
}

export async function trackReport(deps: Pick<Dependencies, 'reports'>, code: string) {
  const normalised = code.trim().toUpperCase();
  const found = RECEIPT_CODE_PATTERN.test(normalised) ? await deps.reports.findByReceipt(normalised) : null;
  if (!found) throw new NotFoundError('Kode tanda terima tidak dikenal / unknown receipt code');
  return { receiptCode: normalised, status: found.status, lastUpdate: found.updatedAt };
}
