// Acting officials and who decides a step: periods are inclusive dates in the region's zone, the acting holder
// replaces the permanent one only inside them, and a case about BKPP's own holder goes to the Sekda.
import { describe, expect, it } from 'vitest';
import { Acting, addressOf, holderOn } from '../../functions/domain/acting.ts';
import { approverOf } from '../../functions/domain/approvers.ts';
import { PutContactsBody, PutOpdBody } from '../../functions/domain/directory.schema.ts';
import { regionToday } from '../../functions/use-cases/sanction/shared/step-support.ts';

const acting = { name: 'Dra. Wening', title: 'Plt. Kepala Dinas Pendidikan', email: 'plt.disdik@x.go.id', nip: '197602022001122002', from: '2024-10-01', until: '2024-10-14' };
const head = { name: 'Kepala Dinas Pendidikan', nip: '197501012000031001', email: 'kepala.disdik@x.go.id', acting };

describe('holderOn', () => {
  it('is the acting official from the first to the last day inclusive, the permanent holder outside', () => {
    expect(holderOn(head, '2024-09-30')).toMatchObject({ email: head.email, acting: false });
    expect(holderOn(head, '2024-10-01')).toMatchObject({ email: acting.email, title: acting.title, nip: acting.nip, acting: true });
    expect(holderOn(head, '2024-10-14')).toMatchObject({ email: acting.email, acting: true });
    expect(holderOn(head, '2024-10-15')).toMatchObject({ email: head.email, acting: false });
    expect(holderOn({ name: 'A', email: 'a@x.go.id' }, '2024-10-05')).toEqual({ name: 'A', email: 'a@x.go.id', acting: false });
  });

  it('greets an acting official by title', () => {
    expect(addressOf({ name: acting.name, title: acting.title, acting: true })).toBe('Plt. Kepala Dinas Pendidikan, Dra. Wening');
    expect(addressOf({ name: 'Bupati Bantul', title: 'Bupati' })).toBe('Bupati Bantul');
  });
});

describe('the acting period in the directory', () => {
  it('refuses until before from, naming until, on an OPD head and on the contacts', () => {
    const bad = { ...acting, from: '2024-10-14', until: '2024-10-01' };
    const opd = PutOpdBody.safeParse({ name: 'Dinas Pendidikan', head: { ...head, acting: bad } });
    expect(opd.success).toBe(false);
    expect(opd.error!.issues.map((i) => i.path.join('.'))).toEqual(['head.acting.until']);
    const contacts = PutContactsBody.safeParse({
      bkpp: { name: 'BKPSDM', email: 'b@x.go.id', acting: bad },
      ppk: { name: 'Bupati', title: 'Bupati', email: 'p@x.go.id', acting: { ...bad, until: '2024-02-30' } },
      bawaslu: { name: 'Bawaslu', email: 'w@x.go.id' },
    });
    expect([...new Set(contacts.error!.issues.map((i) => i.path.join('.')))].sort()).toEqual(['bkpp.acting.until', 'ppk.acting.until']);
    expect(Acting.safeParse({ ...acting, from: acting.until }).success).toBe(true);
    expect(Acting.safeParse({ ...acting, email: 'nope' }).error!.issues[0]!.path).toEqual(['email']);
  });
});

describe('approverOf', () => {
  const contacts = {
    bkpp: { name: 'BKPSDM Bantul', email: 'bkpsdm@x.go.id', nip: '197001012000031009', acting: { ...acting, title: 'Plh. Kepala BKPSDM', email: 'plh.bkpsdm@x.go.id', nip: '197203032000031003' } },
    ppk: { name: 'Bupati Bantul', title: 'Bupati', email: 'ppk@x.go.id' },
    bawaslu: { name: 'Bawaslu', email: 'w@x.go.id' },
    sekda: { name: 'Sekretaris Daerah Kabupaten Bantul', email: 'sekda@x.go.id' },
  };
  const report = (nip: string) => ({ employee: { nip, name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' as const } });
  const opd = { opdId: 'disdik', name: 'Dinas Pendidikan', updatedAt: '', head };

  it('names the acting official of the day for every role', () => {
    expect(approverOf('OPD_REVIEW', report('198001012005011001'), { opd, contacts: null }, '2024-10-05')?.approver)
      .toEqual({ role: 'OPD_HEAD', name: acting.name, email: acting.email, title: acting.title, acting: true });
    expect(approverOf('BKPP_ASSESSMENT', report('198001012005011001'), { opd: null, contacts }, '2024-10-05')?.approver.email).toBe('plh.bkpsdm@x.go.id');
    expect(approverOf('BKPP_ASSESSMENT', report('198001012005011001'), { opd: null, contacts }, '2024-11-05')?.approver.email).toBe('bkpsdm@x.go.id');
    expect(approverOf('PPK_DECISION', report('198001012005011001'), { opd: null, contacts }, '2024-10-05')?.approver).toEqual({ role: 'PPK', name: 'Bupati Bantul', email: 'ppk@x.go.id', title: 'Bupati' });
    expect(approverOf('OPD_REVIEW', report('198001012005011001'), { opd: { ...opd, head: undefined }, contacts: null }, '2024-10-05')).toBeNull();
  });

  it('sends the BKPP step to the Sekda when the employee is the permanent or the acting BKPP holder, else the PPK', () => {
    for (const nip of [contacts.bkpp.nip, contacts.bkpp.acting.nip]) {
      const found = approverOf('BKPP_ASSESSMENT', report(nip), { opd: null, contacts }, '2024-11-05')!;
      expect(found.approver).toMatchObject({ role: 'SEKDA', email: 'sekda@x.go.id' });
      expect(found.reason).toMatch(/benturan kepentingan/);
    }
    const noSekda = approverOf('BKPP_ASSESSMENT', report(contacts.bkpp.nip), { opd: null, contacts: { ...contacts, sekda: undefined } }, '2024-11-05')!;
    expect(noSekda.approver).toMatchObject({ role: 'PPK', email: 'ppk@x.go.id' });
    expect(approverOf('BKPP_ASSESSMENT', report('198001012005011001'), { opd: null, contacts }, '2024-11-05')!.reason).toBeUndefined();
  });
});

describe('regionToday', () => {
  const at = (iso: string, region: { id: string; timeZone?: string }) =>
    regionToday({ clock: { now: () => new Date(iso) }, regions: { get: async () => ({ name: 'X', agencyName: 'BKD', ...region }), put: async () => {}, listIds: async () => [] } }, region.id);
  it("is the date in the region's zone: Kutai Kartanegara (WITA) is a day ahead of Bantul (WIB) from 16:00 UTC to 17:00 UTC", async () => {
    expect(await at('2024-10-14T16:30:00Z', { id: '64.02' })).toBe('2024-10-15');
    expect(await at('2024-10-14T16:30:00Z', { id: '34.02' })).toBe('2024-10-14');
    expect(await at('2024-10-14T15:30:00Z', { id: '91.01' })).toBe('2024-10-15');
  });
});
