// Pledge ceremonies over the fakes: dates in the region's zone, the pledge text's kind, OPDs of the directory,
// signatures row by row (one per employee per election and kind), and compliance read from the counters.
import { describe, expect, it } from 'vitest';
import { addSignatories, getCompliance, listCeremonies, recordCeremony } from '../../../functions/use-cases/ceremonies.ts';
import { InputError, NotFoundError } from '../../../functions/domain/errors.ts';
import type { CreateCeremonyBody } from '../../../functions/domain/ceremony.schema.ts';
import type { Fakes } from '../../support/fakes.ts';
import { bantul, REGION } from '../../support/scenarios.ts';

function ceremony(overrides: Partial<CreateCeremonyBody> = {}): CreateCeremonyBody {
  return {
    kind: 'IKRAR_ASN', electionId: 'pilkada-2024', heldAt: '2024-08-26T08:00:00+07:00', location: 'Gedung Induk Kantor Bupati Bantul',
    leader: { name: 'Sekretaris Daerah', title: 'Sekda' }, opdIds: ['disdik'], participants: { asn: 120, nonAsn: 15 }, evidenceUrls: [],
    ...overrides,
  };
}
const signer = (overrides: Record<string, unknown> = {}) => ({ nip: '198001012005011001', name: 'Budi Santoso', opdId: 'disdik', employmentType: 'PNS', ...overrides });
const fieldsOf = (error: unknown) => (error as InputError).errors.map((e) => e.path);
const rejection = (call: Promise<unknown>) => call.then(() => null, (e: unknown) => e);

describe('recordCeremony', () => {
  it('an undated ceremony was held on the region\'s today, not the server\'s', async () => {
    // 20:00 UTC on 2 October is 3 October in Bantul.
    const fakes = await bantul({ now: '2024-10-02T20:00:00.000Z' });
    const { heldAt: _, ...undated } = ceremony();
    expect((await recordCeremony(fakes, REGION, undated)).heldAt).toBe('2024-10-03');
  });

  it('allows ten minutes of clock skew for a date-time, and refuses one beyond it', async () => {
    const fakes = await bantul({ now: '2024-10-02T03:00:00.000Z' });
    await expect(recordCeremony(fakes, REGION, ceremony({ heldAt: '2024-10-02T10:09:00+07:00' }))).resolves.toBeDefined();
    expect(fieldsOf(await rejection(recordCeremony(fakes, REGION, ceremony({ heldAt: '2024-10-02T10:11:00+07:00' }))))).toEqual(['heldAt']);
  });

  it('names every wrong field at once: a text of the other kind, each unknown OPD by index', async () => {
    const fakes = await bantul();
    const error = await rejection(recordCeremony(fakes, REGION, ceremony({ pledgeTextId: 'deklarasi-kepala-daerah/v1', opdIds: ['disdik', 'fiktif', 'dinkes', 'lain'] })));
    expect(error).toBeInstanceOf(InputError);
    expect(fieldsOf(error)).toEqual(['pledgeTextId', 'opdIds.1', 'opdIds.3']);
    expect(await fakes.ceremonies.list(REGION)).toEqual([]);
  });

  it('counts a ceremony for each OPD that took part, a region-wide one once, and a declaration apart', async () => {
    const fakes = await bantul();
    await recordCeremony(fakes, REGION, ceremony({ opdIds: ['disdik', 'dinkes'] }));
    await recordCeremony(fakes, REGION, ceremony({ opdIds: [] }));
    await recordCeremony(fakes, REGION, ceremony({ kind: 'DEKLARASI_KEPALA_DAERAH', opdIds: [] }));
    const counters = await fakes.ceremonies.counters(REGION, 'pilkada-2024');
    expect(counters).toEqual({
      opds: { disdik: { ceremonies: 1, signatories: 0 }, dinkes: { ceremonies: 1, signatories: 0 } },
      regionWideCeremonies: 1,
      declarations: 1,
    });
    const stored = await fakes.ceremonies.list(REGION);
    expect(stored.map((c) => c.pledgeTextId).sort()).toEqual(['deklarasi-kepala-daerah/v1', 'ikrar-asn/v1', 'ikrar-asn/v1']);
  });
});

describe('addSignatories', () => {
  async function withCeremony(fakes: Fakes, overrides: Partial<CreateCeremonyBody> = {}) {
    return (await recordCeremony(fakes, REGION, ceremony(overrides))).id;
  }

  it('an unknown ceremony is not found', async () => {
    const fakes = await bantul();
    await expect(addSignatories(fakes, REGION, '01J00000000000000000000000', [signer()])).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects bad rows by index with their fields and stores the good ones', async () => {
    const fakes = await bantul();
    const id = await withCeremony(fakes);
    const result = await addSignatories(fakes, REGION, id, [
      signer(),
      signer({ nip: undefined, name: 'Tanpa NIP' }), // PNS without a NIP
      signer({ nip: '198001012005011002', opdId: 'fiktif' }), // not in the directory
      signer({ nip: '198001012005011003', opdId: 'dinkes' }), // did not take part in this ceremony
      signer({ nip: '198001012005011004', name: 'Sari' }),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(0);
    expect(result.rejected.map((r) => [r.index, r.errors.map((e) => e.path)])).toEqual([[1, ['nip']], [2, ['opdId']], [3, ['opdId']]]);
  });

  it('one signature per employee per election and kind: repeats in the body and across uploads are duplicates, never counted', async () => {
    const fakes = await bantul();
    const first = await withCeremony(fakes);
    const second = await withCeremony(fakes, { opdIds: [] });
    // A NON_ASN signer without a NIP is told by OPD and name, however it is spelt.
    const rows = [signer(), signer(), signer({ nip: undefined, employmentType: 'NON_ASN', name: 'Wening  Astuti' })];
    expect(await addSignatories(fakes, REGION, first, rows)).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await addSignatories(fakes, REGION, second, [signer(), signer({ nip: undefined, employmentType: 'NON_ASN', name: 'wening astuti.' })]))
      .toMatchObject({ accepted: 0, duplicates: 2 });
    expect((await fakes.ceremonies.counters(REGION, 'pilkada-2024')).opds.disdik).toEqual({ ceremonies: 1, signatories: 2 });
    const listed = await listCeremonies(fakes, REGION, {});
    expect(Object.fromEntries(listed.items.map((c) => [c.id, c.signatories]))).toEqual({ [first]: 2, [second]: 0 });
  });

  it('a declaration\'s signers do not count toward an OPD\'s coverage', async () => {
    const fakes = await bantul();
    const id = await withCeremony(fakes, { kind: 'DEKLARASI_KEPALA_DAERAH', opdIds: [] });
    expect(await addSignatories(fakes, REGION, id, [signer()])).toMatchObject({ accepted: 1 });
    expect((await fakes.ceremonies.counters(REGION, 'pilkada-2024')).opds.disdik).toBeUndefined();
  });
});

describe('listCeremonies', () => {
  it('filters by OPD (a region-wide ceremony includes every OPD) and election, latest held first', async () => {
    const fakes = await bantul();
    const disdik = await recordCeremony(fakes, REGION, ceremony({ heldAt: '2024-08-01', opdIds: ['disdik'] }));
    const wide = await recordCeremony(fakes, REGION, ceremony({ heldAt: '2024-09-01', opdIds: [] }));
    await recordCeremony(fakes, REGION, ceremony({ heldAt: '2024-09-02', opdIds: ['dinkes'] }));
    expect((await listCeremonies(fakes, REGION, { opdId: 'disdik' })).items.map((c) => c.id)).toEqual([wide.id, disdik.id]);
    expect((await listCeremonies(fakes, REGION, { electionId: 'pemilu-2024' })).items).toEqual([]);
  });
});

describe('getCompliance', () => {
  it('per OPD from counters: region-wide ceremonies count for every OPD, coverage against headcount, the ones not pledged', async () => {
    const fakes = await bantul();
    const id = (await recordCeremony(fakes, REGION, ceremony({ opdIds: ['disdik'] }))).id;
    await recordCeremony(fakes, REGION, ceremony({ kind: 'DEKLARASI_KEPALA_DAERAH', opdIds: [] }));
    await addSignatories(fakes, REGION, id, [signer(), signer({ nip: '198001012005011009' }), signer({ nip: '198001012005011010' })]);
    const compliance = await getCompliance(fakes, REGION, 'pilkada-2024');
    const disdik = compliance.opds.find((o) => o.opdId === 'disdik')!;
    expect(disdik).toMatchObject({ ceremonies: 1, ceremoniesHeld: 1, signatories: 3, headcount: 120, coverage: 0.025, pledged: true });
    expect(compliance.notPledged).toEqual(['dinkes', 'dpupr', 'setda']);
    expect(compliance.declarations).toBe(1);
    expect(compliance.totals).toMatchObject({ opds: 4, pledged: 1, notPledged: 3, signatories: 3, headcount: 305, coverage: 0.0098 });

    await recordCeremony(fakes, REGION, ceremony({ opdIds: [] }));
    const after = await getCompliance(fakes, REGION, 'pilkada-2024');
    expect(after.notPledged).toEqual([]);
    expect(after.opds.find((o) => o.opdId === 'dinkes')).toMatchObject({ ceremonies: 0, ceremoniesHeld: 1, pledged: true });
  });
});
