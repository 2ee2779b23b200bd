// Report intake: a report checked against the region's calendar, its reporter sealed, stored once per
// Idempotency-Key, and its execution started (or, for a retry, repaired). Composed by the region's POST
// (reports.ts) and the national bodies' push (national.ts): one intake, whoever sends the report.
import type { Dependencies } from '#ports';
import { IdempotencyKeyReusedError, InputError } from '#domain/errors';
import { stageOn } from '#domain/elections';
import { receiptCode, reportIdFor, requestHash, ulid } from '#domain/ids';
import { STAGES } from '#domain/codes';
import { fieldError, joined, message } from '#domain/messages';
import { localDate, regionTimeZone } from '#domain/time-zones';
import type { StoredReport, SubmitReportBody } from '#domain/report.schema';
import { dueInstant, recommendationOf } from '#domain/recommendation';
import type { NationalBody } from '#domain/national-bodies';
import { repairWorkflow } from '../sanction/shared/execution-repair.ts';
import { sealReporter } from './reporter-seal.ts';
import { isAfterRegionToday, unknownOpdOf } from './regions.ts';

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
