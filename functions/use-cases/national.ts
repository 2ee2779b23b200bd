// The national bodies' door: recommendations pushed into a region, the body's own list, every region's follow-up,
// and what a body did about a recommendation (its notices: use-cases/sanction/shared/national-action-notices.ts).
import * as z from 'zod/mini';
import type { Dependencies } from '#ports';
import { InputError, NotFoundError, TransitionConflict, UnavailableError } from '#domain/errors';
import { actionIdFor, reportIdFor } from '#domain/ids';
import { fieldError, joined, message } from '#domain/messages';
import { CLOSED_STATUSES } from '#domain/codes';
import { SubmitReportBody, type StoredReport } from '#domain/report.schema';
import { nationalActionNotice } from '#domain/notices';
import {
  BODIES, followUpOf, NATIONAL_ACTIONS, nationalPath, regionFollowUp, reportBodyOf,
  type FollowUp, type ListRecommendationsQuery, type NationalAction, type NationalActionBody, type NationalBody,
  type NationalRecommendationBody, type RecommendationItem,
} from '#domain/national.schema';
import { recommendationOf } from '#domain/recommendation';
import { submitReport } from './shared/report-intake.ts';

const REGION_NOT_FOUND = (regionId: string) => joined(message(`Daerah ${regionId} tidak terdaftar di netra`, `region ${regionId} is not on netra`));
const RECOMMENDATION_NOT_FOUND = joined(message('Rekomendasi tidak ditemukan', 'recommendation not found'));

/** A body's Idempotency-Key, apart from every region's own: a space is in no key a caller can send. */
const nationalKey = (body: NationalBody, key: string) => `national ${body} ${key}`;

/** The report a recommendation pushed with this Idempotency-Key is (or will be): the local seed asks it first, so
 *  a restart does not retry the push (a keyed retry repairs a workflow it finds stopped, before the restart's own
 *  runner has resumed it). */
export const recommendationReportId = (body: NationalBody, regionId: string, key: string) => reportIdFor(regionId, nationalKey(body, key));

/** A recommendation pushed by a national body: a report in the named region, its source and reporter the body's,
 *  checked as a region's own report is (the same schema and rules), on the recommendation path. */
export async function pushRecommendation(
  deps: Pick<Dependencies, 'clock' | 'reports' | 'workflow' | 'regions' | 'seal' | 'directory'>,
  input: { body: NationalBody; recommendation: NationalRecommendationBody; idempotencyKey?: string | undefined },
) {
  const { body, recommendation } = input;
  const parsed = z.safeParse(SubmitReportBody, reportBodyOf(body, recommendation));
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((issue) => ({ path: nationalPath(issue.path.map(String).join('.')), message: issue.message })));
  }
  if (!(await deps.regions.get(recommendation.regionId))) throw new NotFoundError(REGION_NOT_FOUND(recommendation.regionId));
  try {
    const report = await submitReport(deps, {
      regionId: recommendation.regionId, body: parsed.data, nationalBody: body,
      idempotencyKey: input.idempotencyKey ? nationalKey(body, input.idempotencyKey) : undefined,
    });
    return { regionId: report.regionId, id: report.id, receiptCode: report.receiptCode, status: 'RECEIVED' as const };
  } catch (error) {
    // The body's field names: `issuedAt`, not the report's `source.issuedAt`.
    if (error instanceof InputError) throw new InputError(error.errors.map((e) => ({ ...e, path: nationalPath(e.path) })));
    throw error;
  }
}

/** When a closed recommendation closed, and whether on time (as the follow-up counters judged it). */
function closing(report: StoredReport): { closedAt?: string; closedOnTime?: boolean } {
  if (!CLOSED_STATUSES.includes(report.status)) return {};
  const closedAt = report.decisions.at(-1)?.at ?? report.updatedAt;
  const closedOnTime = report.followUpDueAt !== undefined ? closedAt <= report.followUpDueAt : !report.overdueAt;
  return { closedAt, closedOnTime };
}

/** A recommendation as its body lists it: figures and the outcome, never the reporter, description or notes. */
export function recommendationItem(report: StoredReport): RecommendationItem {
  const source = recommendationOf(report);
  const decided = report.decisions.at(-1);
  const sanction = report.sanction ?? (decided?.outcome === 'IMPOSE' ? decided : undefined);
  return {
    regionId: report.regionId,
    id: report.id,
    number: source?.number ?? '',
    issuedAt: source?.issuedAt ?? '',
    dueAt: source?.dueAt ?? null,
    status: report.status,
    overdue: report.overdueAt !== undefined && !CLOSED_STATUSES.includes(report.status),
    ...closing(report),
    ...(sanction?.level ? { level: sanction.level } : {}),
    ...(sanction?.sanction ? { sanction: sanction.sanction } : {}),
    ...(sanction?.decreeNumber ? { decreeNumber: sanction.decreeNumber } : {}),
    actions: report.nationalActions ?? [],
  };
}

export async function listRecommendations(deps: Pick<Dependencies, 'national'>, body: NationalBody, query: ListRecommendationsQuery) {
  const page = await deps.national.recommendations(body, query);
  return { items: page.items.map(recommendationItem), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) };
}

/** Every region's follow-up of one election, from one small counters item a region. */
export async function getFollowUp(deps: Pick<Dependencies, 'clock' | 'national'>, electionId: FollowUp['electionId']): Promise<FollowUp> {
  const rows = await deps.national.followUp(electionId);
  return followUpOf(electionId, deps.clock.now().toISOString(), rows.map(({ region, counters }) => regionFollowUp(region, counters)));
}

/** A report the body pushed, or 404: another body's recommendation, or a region's own report, is not there for it. */
async function ownRecommendation(deps: Pick<Dependencies, 'reports'>, body: NationalBody, regionId: string, id: string) {
  const found = await deps.reports.get(regionId, id);
  if (!found || found.report.nationalBody !== body) throw new NotFoundError(RECOMMENDATION_NOT_FOUND);
  return found.report;
}

/** A transition meets a moving report (a decision, a notice's mark) at most this many times before 503. */
const MAX_ACTION_ATTEMPTS = 5;

/** What a national body did about its recommendation: written once to the report's timeline (NATIONAL_ACTION,
 *  hash-chained) with its follow-up counter, then told to the region's PPK, agency and Bawaslu by the action's own
 *  notice execution (sent once, retried). The same kind and letter number again is the same action: a retry gets
 *  it back and makes sure its notice runs. */
export async function recordNationalAction(
  deps: Pick<Dependencies, 'clock' | 'reports' | 'workflow'>,
  input: { body: NationalBody; regionId: string; id: string; action: NationalActionBody },
): Promise<{ action: NationalAction; created: boolean }> {
  const { body, regionId, id } = input;
  const { kind, letterNumber, note } = input.action;
  let report = await ownRecommendation(deps, body, regionId, id);
  if (!NATIONAL_ACTIONS[kind].bodies.includes(body)) {
    throw new InputError([fieldError('kind', message(`${NATIONAL_ACTIONS[kind].id} hanya dapat dicatat oleh BKN`, `${kind} is BKN's to record (Perban BKN 1/2023)`))]);
  }
  const actionId = actionIdFor(body, id, kind, letterNumber);
  const notice = { regionId, reportId: id, event: nationalActionNotice(actionId) };
  const at = deps.clock.now().toISOString();
  const action: NationalAction = { id: actionId, body, kind, letterNumber, ...(note ? { note } : {}), at };
  for (let attempt = 1; ; attempt++) {
    const recorded = report.nationalActions?.find((a) => a.id === actionId);
    if (recorded) {
      await deps.workflow.startNotice(notice);
      return { action: recorded, created: false };
    }
    try {
      await deps.reports.transition({
        report, from: report.status, at, once: `national-action-${actionId}`, nationalAction: action,
        timeline: [{
          at, actor: body, by: BODIES[body].name, action: 'NATIONAL_ACTION', status: report.status,
          note: joined(message(`${NATIONAL_ACTIONS[kind].id} nomor ${letterNumber}${note ? `: ${note}` : ''}`, `${NATIONAL_ACTIONS[kind].en}, letter ${letterNumber}`)),
        }],
      });
      // Started after the action is stored, under a name derived from it: a retry of this request starts it again
      // (a no-op when it runs) if this start failed.
      await deps.workflow.startNotice(notice);
      return { action, created: true };
    } catch (error) {
      if (!(error instanceof TransitionConflict)) throw error;
      // Recorded meanwhile (a concurrent retry), or the report moved on: read it again.
      if (attempt >= MAX_ACTION_ATTEMPTS) throw new UnavailableError('the report kept changing; try again', { cause: error });
      report = await ownRecommendation(deps, body, regionId, id);
    }
  }
}
