// A person's record over the fakes: built from allow-lists (the reporter and the approvers are other people), only
// that NIP's reports, signatures and Satgas seats, the reads about them newest first and cut at the bound.
import { describe, expect, it } from 'vitest';
import { personRecord } from '../../../functions/use-cases/people.ts';
import { NotFoundError } from '../../../functions/domain/errors.ts';
import { PERSON_RECORD_MAX } from '../../../functions/domain/people.schema.ts';
import { bantul, REGION, reportBody, submitted } from '../../support/scenarios.ts';

const NIP = '198001012005011001';
const OTHER = '199002022015022002';
const about = (nip: string, name: string) => ({ employee: { ...reportBody().employee, nip, name } });

describe('personRecord', () => {
  it('lists only that NIP\'s reports, without the reporter or the approvers\' names', async () => {
    const fakes = await bantul();
    const mine = await submitted(fakes, { ...about(NIP, 'Budi Santoso'), reporter: { kind: 'PUBLIC', name: 'Siti Rahma', contact: '0812' } });
    await submitted(fakes, about(OTHER, 'Orang Lain'));
    const row = fakes.reports.rows.get(`${REGION}/${mine.id}`)!;
    row.report.decisions = [{ step: 'BKPP_ASSESSMENT', outcome: 'DISMISS', notes: 'Tidak terbukti.', by: { name: 'Drs. Pejabat Pemutus', role: 'BKPP' }, at: '2024-10-05T02:00:00.000Z' }];

    const record = await personRecord(fakes, REGION, NIP);
    expect(record.reports.map((r) => r.id)).toEqual([mine.id]);
    expect(record.reports[0]!.decisions).toEqual([{ step: 'BKPP_ASSESSMENT', outcome: 'DISMISS', notes: 'Tidak terbukti.', at: '2024-10-05T02:00:00.000Z' }]);
    const text = JSON.stringify(record);
    for (const foreign of ['Siti Rahma', '0812', 'Drs. Pejabat Pemutus', 'reporter', OTHER, 'Orang Lain']) expect(text, foreign).not.toContain(foreign);
  });

  it('merges the record\'s own reads with its reports\', newest first, and cuts them at the bound', async () => {
    const fakes = await bantul();
    const mine = await submitted(fakes, about(NIP, 'Budi Santoso'));
    const at = (i: number) => new Date(Date.UTC(2024, 9, 1, 0, 0, i)).toISOString();
    for (let i = 0; i < PERSON_RECORD_MAX; i++) {
      await fakes.accessLog.record(REGION, { at: at(2 * i), keyId: 'k', route: 'GET /v1/reports/{id}', reportId: mine.id });
      await fakes.accessLog.record(REGION, { at: at(2 * i + 1), keyId: 'k', route: 'GET /v1/people/{nip}', nip: NIP });
    }
    await fakes.accessLog.record(REGION, { at: at(999), keyId: 'k', route: 'GET /v1/people/{nip}', nip: OTHER });
    const record = await personRecord(fakes, REGION, NIP);
    expect(record.accessLog).toHaveLength(PERSON_RECORD_MAX);
    expect(record.truncated).toBe(true);
    expect(record.accessLog[0]).toEqual({ at: at(2 * PERSON_RECORD_MAX - 1), keyId: 'k', route: 'GET /v1/people/{nip}', nip: NIP });
    expect(record.accessLog.map((e) => e.at)).toEqual([...record.accessLog.map((e) => e.at)].sort().reverse());
    expect(record.accessLog.some((e) => e.nip === OTHER)).toBe(false);
  });

  it('a NIP the region holds nothing about is 404, even one read before', async () => {
    const fakes = await bantul();
    await fakes.accessLog.record(REGION, { at: '2024-10-01T00:00:00.000Z', keyId: 'k', route: 'GET /v1/people/{nip}', nip: NIP });
    await expect(personRecord(fakes, REGION, NIP)).rejects.toBeInstanceOf(NotFoundError);
    await submitted(fakes, about(NIP, 'Budi Santoso'));
    await expect(personRecord(fakes, '34.01', NIP)).rejects.toBeInstanceOf(NotFoundError);
  });
});
