// Satgas over the fakes: forming one, recording activities (which OPD and report each must name) with exact
// counters, and a risk's status changed from where it stands when another change got there first.
import { describe, expect, it } from 'vitest';
import { formSatgas, getActivity, recordActivity, setRiskStatus } from '../../../functions/use-cases/satgas.ts';
import { riskMap } from '../../../functions/use-cases/vulnerability-map.ts';
import { ConflictError, InputError, NotFoundError } from '../../../functions/domain/errors.ts';
import type { CreateActivityBody, PutSatgasBody } from '../../../functions/domain/satgas.schema.ts';
import type { Fakes } from '../../support/fakes.ts';
import { bantul, REGION, submitted } from '../../support/scenarios.ts';

const satgasBody = (overrides: Partial<PutSatgasBody> = {}): PutSatgasBody => ({
  decree: { number: '800/KPTS.101-BKPSDM/2024', date: '2024-07-15' },
  members: [{ name: 'Kepala Dinas', role: 'KETUA' }, { name: 'Sekretaris Dinas', role: 'SEKRETARIS' }],
  ...overrides,
});
const activityBody = (overrides: Partial<CreateActivityBody> = {}): CreateActivityBody => ({
  opdId: 'disdik', electionId: 'pilkada-2024', kind: 'IDENTIFIKASI_KERAWANAN', heldAt: '2024-09-02', summary: 'Pemetaan kerawanan.', evidenceUrls: [], reportIds: [],
  risks: [
    { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'TINGGI', description: 'Grup WhatsApp guru.' },
    { stage: 'KAMPANYE', category: 'ATRIBUT', level: 'RENDAH', description: 'Stiker di kendaraan dinas.' },
  ],
  ...overrides,
});
const fieldsOf = (error: unknown) => (error as InputError).errors.map((e) => e.path);
const rejection = (call: Promise<unknown>) => call.then(() => null, (e: unknown) => e);
const disdikCounters = async (fakes: Fakes) => (await fakes.satgas.counters(REGION, 'pilkada-2024')).opds.disdik;

describe('formSatgas', () => {
  it('forms an OPD\'s Satgas, which the directory then shows with its OPD', async () => {
    const fakes = await bantul();
    await formSatgas(fakes, REGION, 'disdik', satgasBody());
    const disdik = (await fakes.directory.listOpds(REGION)).find((opd) => opd.opdId === 'disdik')!;
    expect(disdik.satgas?.members).toHaveLength(2);
  });

  it('refuses a decree dated after the region\'s today, and an OPD the directory lacks', async () => {
    const fakes = await bantul({ now: '2024-10-02T20:00:00.000Z' }); // 3 October in Bantul
    await expect(formSatgas(fakes, REGION, 'disdik', satgasBody({ decree: { number: '1', date: '2024-10-03' } }))).resolves.toBeDefined();
    expect(fieldsOf(await rejection(formSatgas(fakes, REGION, 'disdik', satgasBody({ decree: { number: '1', date: '2024-10-04' } }))))).toEqual(['decree.date']);
    await expect(formSatgas(fakes, REGION, 'fiktif', satgasBody())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('recordActivity', () => {
  it('stores the activity and its open risks, and counts the kind, the open and high risks and each cell', async () => {
    const fakes = await bantul();
    await formSatgas(fakes, REGION, 'disdik', satgasBody());
    const { id, riskIds } = await recordActivity(fakes, REGION, activityBody());
    expect(riskIds).toHaveLength(2);
    const found = await getActivity(fakes, REGION, id);
    expect(found.risks.map((r) => r.status)).toEqual(['TERBUKA', 'TERBUKA']);
    expect(await disdikCounters(fakes)).toEqual({
      socialisations: 0, identifications: 1, monitoring: 0, openRisks: 2, highRisks: 1,
      cells: { 'cell#TERBUKA#KAMPANYE#MEDIA_SOSIAL#TINGGI': 1, 'cell#TERBUKA#KAMPANYE#ATRIBUT#RENDAH': 1 },
    });
  });

  it('an OPD without a Satgas and an OPD not in the directory are told apart', async () => {
    const fakes = await bantul();
    const noSatgas = await rejection(recordActivity(fakes, REGION, activityBody()));
    expect(fieldsOf(noSatgas)).toEqual(['opdId']);
    expect((noSatgas as InputError).errors[0]!.message).toContain('belum membentuk Satgas');
    const unknown = await rejection(recordActivity(fakes, REGION, activityBody({ opdId: 'fiktif' })));
    expect((unknown as InputError).errors[0]!.message).toContain('not in the directory: dinkes, disdik');
  });

  it('names the report that is not of this region and election by its index, and stores nothing', async () => {
    const fakes = await bantul();
    await formSatgas(fakes, REGION, 'disdik', satgasBody());
    const report = await submitted(fakes);
    const error = await rejection(recordActivity(fakes, REGION, activityBody({ reportIds: [report.id, '01J00000000000000000000000'] })));
    expect(fieldsOf(error)).toEqual(['reportIds.1']);
    expect(fakes.satgas.activities.size).toBe(0);
    expect(await disdikCounters(fakes)).toBeUndefined();
  });

  it('an activity dated after the region\'s today is refused', async () => {
    const fakes = await bantul({ now: '2024-10-02T03:00:00.000Z' });
    await formSatgas(fakes, REGION, 'disdik', satgasBody());
    expect(fieldsOf(await rejection(recordActivity(fakes, REGION, activityBody({ heldAt: '2024-10-03' }))))).toEqual(['heldAt']);
  });
});

describe('setRiskStatus', () => {
  async function withRisk(fakes: Fakes) {
    await formSatgas(fakes, REGION, 'disdik', satgasBody());
    const { riskIds } = await recordActivity(fakes, REGION, activityBody());
    return riskIds[0]!; // the TINGGI one
  }

  it('handles a risk: its note and history, and the counters move from open to handled', async () => {
    const fakes = await bantul();
    const riskId = await withRisk(fakes);
    const risk = await setRiskStatus(fakes, REGION, riskId, { status: 'DITANGANI', note: 'Grup dibubarkan.' });
    expect(risk).toMatchObject({ status: 'DITANGANI', note: 'Grup dibubarkan.', history: [{ status: 'DITANGANI', note: 'Grup dibubarkan.' }] });
    expect(await disdikCounters(fakes)).toMatchObject({
      openRisks: 1, highRisks: 0,
      cells: expect.objectContaining({ 'cell#TERBUKA#KAMPANYE#MEDIA_SOSIAL#TINGGI': 0, 'cell#DITANGANI#KAMPANYE#MEDIA_SOSIAL#TINGGI': 1 }),
    });
    const map = await riskMap(fakes, REGION, { electionId: 'pilkada-2024', status: 'DITANGANI' });
    expect(map).toMatchObject({ total: 1, byLevel: { TINGGI: 1, SEDANG: 0, RENDAH: 0 } });
  });

  it('another change that got there first: read again and changed from where it stands, counted once', async () => {
    const fakes = await bantul();
    const riskId = await withRisk(fakes);
    fakes.satgas.before.setRiskStatus.once(async (risk) => {
      expect(await fakes.satgas.setRiskStatus(risk, 'DITANGANI', 'oleh petugas lain', fakes.clock.now().toISOString())).toBe(true);
    });
    const risk = await setRiskStatus(fakes, REGION, riskId, { status: 'DITANGANI', note: 'Grup dibubarkan.' });
    expect(risk.history.map((h) => h.note)).toEqual(['oleh petugas lain', 'Grup dibubarkan.']);
    expect(await disdikCounters(fakes)).toMatchObject({ openRisks: 1, highRisks: 0 });
  });

  it('a risk that keeps changing under it gives up with 409 after a bounded number of tries', async () => {
    const fakes = await bantul();
    const riskId = await withRisk(fakes);
    let tries = 0;
    let racing = false;
    fakes.satgas.before.setRiskStatus.always(async (risk) => {
      if (racing) return; // the other writer's own call
      tries++;
      racing = true;
      await fakes.satgas.setRiskStatus(risk, risk.status === 'TERBUKA' ? 'DITANGANI' : 'TERBUKA', 'bolak-balik', fakes.clock.now().toISOString());
      racing = false;
    });
    await expect(setRiskStatus(fakes, REGION, riskId, { status: 'DITANGANI', note: 'x' })).rejects.toBeInstanceOf(ConflictError);
    expect(tries).toBeGreaterThan(1);
  });

  it('an unknown risk is not found', async () => {
    const fakes = await bantul();
    await expect(setRiskStatus(fakes, REGION, '01J00000000000000000000000', { status: 'DITANGANI', note: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
