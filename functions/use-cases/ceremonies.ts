// Pledge ceremonies: record them, add who signed (row by row, one signature per employee per election),
// and answer which OPDs have pledged, from counters only.
import type { Dependencies } from '#ports';
import { InputError, NotFoundError, type FieldError } from '#domain/errors';
import { ulid } from '#domain/ids';
import { own } from '#domain/own';
import { CURRENT_PLEDGE_TEXT, PLEDGE_TEXTS } from '#domain/pledges';
import { SignatoryRow, signatureKey, type AddSignatoriesResult, type Ceremony, type Compliance, type CreateCeremonyBody, type ListCeremoniesQuery, type StoredCeremony, type NewSignature } from '#domain/ceremony.schema';
import type { ElectionId } from '#domain/elections';
import { fieldError, joined, message } from '#domain/messages';
import { instantOf, localDate } from '#domain/time-zones';
import { regionZone, unknownOpd } from './reports.ts';
import { satgasFigures } from './satgas.ts';

type Deps = Pick<Dependencies, 'clock' | 'directory' | 'ceremonies' | 'regions'>;

/** How far ahead of the server clock a heldAt may be (clocks of the regions' systems drift). */
const CLOCK_SKEW_MS = 10 * 60_000;

/** A date-only heldAt is a date in the region's zone; a date-time carries its own offset. */
function isFuture(heldAt: string, now: Date, zone: string): boolean {
  const at = heldAt.length === 10 ? instantOf(heldAt, '00:00', zone).getTime() : Date.parse(heldAt);
  return at > now.getTime() + CLOCK_SKEW_MS;
}

async function opdsOf(deps: Pick<Dependencies, 'directory'>, regionId: string) {
  return new Map((await deps.directory.listOpds(regionId)).map((opd) => [opd.opdId, opd]));
}

export async function recordCeremony(deps: Deps, regionId: string, body: CreateCeremonyBody): Promise<StoredCeremony> {
  const now = deps.clock.now();
  const errors: FieldError[] = [];
  const zone = await regionZone(deps, regionId);
  // An undated ceremony was held on the region's today, not the server's.
  const heldAt = body.heldAt ?? localDate(now, zone);
  if (isFuture(heldAt, now, zone)) errors.push(fieldError('heldAt', message('upacara belum terjadi', 'the ceremony is in the future')));
  const text = body.pledgeTextId ? PLEDGE_TEXTS[body.pledgeTextId]! : CURRENT_PLEDGE_TEXT[body.kind];
  if (text.kind !== body.kind) {
    errors.push(fieldError('pledgeTextId', message(`naskah ${text.id} bukan untuk ${body.kind}`, `text ${text.id} is not for ${body.kind}`)));
  }
  if (body.opdIds.length) {
    const opds = await opdsOf(deps, regionId);
    body.opdIds.forEach((opdId, i) => {
      if (!opds.has(opdId)) {
        errors.push(fieldError(`opdIds.${i}`, unknownOpd(opds.keys())));
      }
    });
  }
  if (errors.length) throw new InputError(errors);

  const { pledgeTextId: _, ...fields } = body;
  const ceremony: StoredCeremony = {
    ...fields,
    heldAt,
    id: ulid(now.getTime()),
    regionId,
    pledgeTextId: text.id,
    pledgeTextVersion: text.version,
    createdAt: now.toISOString(),
  };
  return (await deps.ceremonies.create(ceremony)).ceremony;
}

function view(ceremony: StoredCeremony, signatories: number): Ceremony {
  const { kind, version, ...text } = PLEDGE_TEXTS[ceremony.pledgeTextId]!;
  return { ...ceremony, pledgeText: { ...text, version, points: [...text.points] }, signatories };
}

export async function listCeremonies(deps: Pick<Dependencies, 'ceremonies'>, regionId: string, query: ListCeremoniesQuery): Promise<{ items: Ceremony[] }> {
  const all = await deps.ceremonies.list(regionId);
  const matching = all
    .filter((c) => !query.electionId || c.electionId === query.electionId)
    // A region-wide ceremony includes every OPD.
    .filter((c) => !query.opdId || c.opdIds.length === 0 || c.opdIds.includes(query.opdId))
    .sort((a, b) => (a.heldAt === b.heldAt ? (a.id < b.id ? 1 : -1) : a.heldAt < b.heldAt ? 1 : -1));
  const elections = [...new Set(matching.map((c) => c.electionId))];
  const counts = Object.assign(Object.create(null), ...(await Promise.all(elections.map((e) => deps.ceremonies.signatoryCounts(regionId, e)))));
  return { items: matching.map((c) => view(c, own<number>(counts, c.id) ?? 0)) };
}

/** Checks each row on its own: bad rows come back by index with their errors, good rows are stored. */
export async function addSignatories(deps: Pick<Dependencies, 'clock' | 'ceremonies' | 'directory'>, regionId: string, ceremonyId: string, rows: unknown[]): Promise<AddSignatoriesResult> {
  const ceremony = await deps.ceremonies.get(regionId, ceremonyId);
  if (!ceremony) throw new NotFoundError(joined(message(`Upacara ${ceremonyId} tidak ditemukan`, 'ceremony not found')));
  const opds = await opdsOf(deps, regionId);

  const rejected: AddSignatoriesResult['rejected'] = [];
  const valid: NewSignature[] = [];
  const seen = new Set<string>();
  let repeatedInBody = 0;
  rows.forEach((raw, index) => {
    const parsed = SignatoryRow.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, errors: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) });
      return;
    }
    const row = parsed.data;
    if (!opds.has(row.opdId)) {
      rejected.push({ index, errors: [fieldError('opdId', unknownOpd(opds.keys()))] });
      return;
    }
    if (ceremony.opdIds.length && !ceremony.opdIds.includes(row.opdId)) {
      rejected.push({ index, errors: [fieldError('opdId', message(`OPD ini tidak ikut upacara ini (${ceremony.opdIds.join(', ')})`, 'this OPD did not take part in this ceremony'))] });
      return;
    }
    const employeeKey = signatureKey(row);
    if (seen.has(employeeKey)) {
      repeatedInBody++;
      return;
    }
    seen.add(employeeKey);
    valid.push({ index, employeeKey, row });
  });

  const stored = valid.length
    ? await deps.ceremonies.addSignatures(ceremony, valid, deps.clock.now().toISOString())
    : { accepted: 0, duplicates: 0 };
  return { accepted: stored.accepted, duplicates: stored.duplicates + repeatedInBody, rejected };
}

const ratio = (part: number, whole: number) => Math.round((part / whole) * 10_000) / 10_000;

/** Per OPD: Ikrar ceremonies held, signatories and coverage, and its Satgas figures, read from counters (never
 *  from signatures or activities). */
export async function getCompliance(deps: Pick<Dependencies, 'directory' | 'ceremonies' | 'satgas'>, regionId: string, electionId: ElectionId): Promise<Compliance> {
  const [opds, counters, satgas] = await Promise.all([
    deps.directory.listOpds(regionId),
    deps.ceremonies.counters(regionId, electionId),
    deps.satgas.counters(regionId, electionId),
  ]);
  const rows = opds
    .map((opd) => {
      const counted = own(counters.opds, opd.opdId) ?? { ceremonies: 0, signatories: 0 };
      const ceremoniesHeld = counted.ceremonies + counters.regionWideCeremonies;
      const headcount = opd.headcount ?? null;
      return {
        opdId: opd.opdId,
        name: opd.name,
        ceremonies: counted.ceremonies,
        ceremoniesHeld,
        signatories: counted.signatories,
        headcount,
        coverage: headcount ? ratio(counted.signatories, headcount) : null,
        pledged: ceremoniesHeld > 0,
        satgas: satgasFigures(opd, own(satgas.opds, opd.opdId)),
      };
    })
    .sort((a, b) => (a.opdId < b.opdId ? -1 : 1));
  const withHeadcount = rows.filter((row) => row.headcount);
  const headcount = withHeadcount.reduce((sum, row) => sum + row.headcount!, 0);
  const notPledged = rows.filter((row) => !row.pledged).map((row) => row.opdId);
  const satgasNotFormed = rows.filter((row) => !row.satgas.formed).map((row) => row.opdId);
  const sum = (field: 'socialisations' | 'identifications' | 'monitoring' | 'openRisks' | 'highRisks') =>
    rows.reduce((total, row) => total + row.satgas[field], 0);
  return {
    regionId,
    electionId,
    regionWideCeremonies: counters.regionWideCeremonies,
    declarations: counters.declarations,
    totals: {
      opds: rows.length,
      pledged: rows.length - notPledged.length,
      notPledged: notPledged.length,
      signatories: rows.reduce((sum, row) => sum + row.signatories, 0),
      headcount,
      coverage: headcount ? ratio(withHeadcount.reduce((sum, row) => sum + row.signatories, 0), headcount) : null,
      satgasFormed: rows.length - satgasNotFormed.length,
      satgasNotFormed: satgasNotFormed.length,
      socialisations: sum('socialisations'),
      identifications: sum('identifications'),
      monitoring: sum('monitoring'),
      openRisks: sum('openRisks'),
      highRisks: sum('highRisks'),
    },
    opds: rows,
    notPledged,
    satgasNotFormed,
  };
}
