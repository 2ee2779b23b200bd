// Satgas netralitas: form an OPD's task force, record its activities and the risks they find, mark a risk
// handled, and the Satgas figures of the compliance answer.
import type { Dependencies } from '#ports';
import type { SatgasOpdCounters, Activity, ActivityDetail, CreateActivityBody, ListActivitiesQuery, PutRiskBody, PutSatgasBody, Risk, Satgas } from '#domain/satgas.schema';
import { ConflictError, InputError, NotFoundError } from '#domain/errors';
import { ulid } from '#domain/ids';
import { joined } from '#domain/messages';
import { unknownOpdOf } from './reports.ts';
import { instantOf, localDate, regionTimeZone } from '#domain/time-zones';
import type { Opd } from '#domain/directory.schema';

type Deps = Pick<Dependencies, 'clock' | 'regions' | 'directory' | 'satgas'>;

/** How far ahead of the server clock a heldAt may be (clocks of the regions' systems drift). */
const CLOCK_SKEW_MS = 10 * 60_000;
const MAX_RISK_ATTEMPTS = 8;

export async function zoneOf(deps: Pick<Dependencies, 'regions'>, regionId: string): Promise<string> {
  return regionTimeZone((await deps.regions.get(regionId)) ?? { id: regionId });
}

/** The instant a date (the region's midnight) or a date-time with offset stands for. */
function instantOfHeldAt(heldAt: string, zone: string): Date {
  return heldAt.length === 10 ? instantOf(heldAt, '00:00', zone) : new Date(heldAt);
}

function inFuture(heldAt: string, now: Date, zone: string): boolean {
  return heldAt.length === 10 ? heldAt > localDate(now, zone) : Date.parse(heldAt) > now.getTime() + CLOCK_SKEW_MS;
}

export async function formSatgas(deps: Pick<Dependencies, 'clock' | 'regions' | 'satgas'>, regionId: string, opdId: string, body: PutSatgasBody): Promise<Satgas> {
  const now = deps.clock.now();
  if (inFuture(body.decree.date, now, await zoneOf(deps, regionId))) {
    throw new InputError([{ path: 'decree.date', message: 'tanggal SK belum terjadi / the decree date is in the future' }]);
  }
  const satgas: Satgas = { opdId, ...body, updatedAt: now.toISOString() };
  if (!(await deps.satgas.put(regionId, satgas))) {
    throw new NotFoundError(`OPD ${opdId} tidak ada di direktori / OPD not found: add it with PUT /v1/directory/opds/{opdId}`);
  }
  return satgas;
}

export async function recordActivity(deps: Deps, regionId: string, body: CreateActivityBody): Promise<{ id: string; riskIds: string[] }> {
  const now = deps.clock.now();
  const zone = await zoneOf(deps, regionId);
  if (inFuture(body.heldAt, now, zone)) throw new InputError([{ path: 'heldAt', message: 'kegiatan belum terjadi / the activity is in the future' }]);
  const at = now.toISOString();
  // The id carries heldAt's time, so the activity lists sort by when it was held, latest first, with no extra index.
  const id = ulid(instantOfHeldAt(body.heldAt, zone).getTime());
  const risks: Risk[] = body.risks.map((input) => ({
    ...input, id: ulid(now.getTime()), regionId, opdId: body.opdId, electionId: body.electionId, activityId: id,
    status: 'TERBUKA', history: [], createdAt: at, updatedAt: at,
  }));
  const activity: Activity = { ...body, id, regionId, risks: body.risks.map((input, i) => ({ ...input, id: risks[i]!.id })), createdAt: at };
  const created = await deps.satgas.createActivity(activity, risks);
  if (created.outcome === 'no-satgas') {
    const known = await deps.directory.getOpd(regionId, body.opdId);
    throw new InputError([{
      path: 'opdId',
      message: known
        ? 'OPD ini belum membentuk Satgas: PUT /v1/directory/opds/{opdId}/satgas / this OPD has no Satgas yet'
        : joined(await unknownOpdOf(deps, regionId)),
    }]);
  }
  if (created.outcome === 'unknown-report') {
    throw new InputError([{ path: `reportIds.${created.index}`, message: 'bukan laporan wilayah dan pemilihan ini / not a report of this region and election' }]);
  }
  return { id, riskIds: risks.map((risk) => risk.id) };
}

export function listActivities(deps: Pick<Dependencies, 'satgas'>, regionId: string, query: ListActivitiesQuery) {
  return deps.satgas.listActivities(regionId, query);
}

export async function getActivity(deps: Pick<Dependencies, 'satgas'>, regionId: string, id: string): Promise<ActivityDetail> {
  const found = await deps.satgas.getActivity(regionId, id);
  if (!found) throw new NotFoundError(`Kegiatan ${id} tidak ditemukan / activity not found`);
  return { ...found.activity, risks: found.risks };
}

/** Moves a risk to the asked status with its note. A concurrent change of the same risk makes the store refuse
 *  (its status moved); the risk is read again and the change made from where it now stands. */
export async function setRiskStatus(deps: Pick<Dependencies, 'clock' | 'satgas'>, regionId: string, riskId: string, body: PutRiskBody): Promise<Risk> {
  for (let attempt = 0; attempt < MAX_RISK_ATTEMPTS; attempt++) {
    const risk = await deps.satgas.getRisk(regionId, riskId);
    if (!risk) throw new NotFoundError(`Kerawanan ${riskId} tidak ditemukan / risk not found`);
    const at = deps.clock.now().toISOString();
    if (await deps.satgas.setRiskStatus(risk, body.status, body.note, at)) {
      return { ...risk, status: body.status, note: body.note, updatedAt: at, history: [...risk.history, { at, status: body.status, note: body.note }] };
    }
  }
  throw new ConflictError('Kerawanan ini sedang diubah bersamaan; coba lagi / the risk is being changed concurrently; retry');
}

/** An OPD's Satgas figures for one election, from its Satgas record and its counters. */
export function satgasFigures(opd: Opd, counters: SatgasOpdCounters | undefined) {
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
