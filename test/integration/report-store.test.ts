// The report store against DynamoDB Local: one transaction per report, idempotent create, counters.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '../../functions/lib/dependencies.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';
import { ulid, receiptCode } from '../../functions/domain/ids.ts';

const deps = dependencies();
const table = process.env.TABLE_NAME!;

function report(overrides: Partial<StoredReport> = {}): StoredReport {
  const at = new Date().toISOString();
  return {
    id: ulid(), receiptCode: receiptCode(), regionId: '11.01', electionId: 'pilkada-2024', incidentDate: '2024-10-01',
    stage: 'KAMPANYE', category: 'ATRIBUT', description: 'd', location: 'l', evidenceUrls: [],
    employee: { nip: '198001012005011001', name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' },
    reporter: { kind: 'SATGAS' }, status: 'RECEIVED', decisions: [], createdAt: at, updatedAt: at, ...overrides,
  };
}
const first = { at: new Date().toISOString(), actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' as const };

async function stats(regionId: string) {
  const { Item } = await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.stats(regionId, 'pilkada-2024') }));
  return Item;
}

// A report names an OPD of its region's directory; the store's transaction checks it.
beforeAll(async () => {
  for (const regionId of ['11.01', '11.02', '11.03', '11.04', '11.05']) {
    await deps.directory.putOpd(regionId, 'disdik', { name: 'Dinas Pendidikan' }, new Date().toISOString());
  }
});

describe('dynamoReportStore', () => {
  it('writes report, receipt, timeline and counters together, and only once per id', async () => {
    const r = report({ regionId: '11.02' });
    expect((await deps.reports.create(r, first, 'hash-1')).outcome).toBe('created');
    const again = await deps.reports.create({ ...r, receiptCode: receiptCode() }, first, 'hash-1');
    expect(again).toEqual({ outcome: 'exists', sameRequest: true, report: expect.objectContaining({ id: r.id, receiptCode: r.receiptCode }) });
    expect(again.outcome === 'exists' && 'requestHash' in again.report).toBe(false);
    expect(await deps.reports.create(r, first, 'hash-2')).toMatchObject({ outcome: 'exists', sameRequest: false });

    const stored = await deps.reports.get('11.02', r.id);
    expect(stored?.timeline).toHaveLength(1);
    expect(await stats('11.02')).toMatchObject({ total: 1, status_RECEIVED: 1, category_ATRIBUT: 1, stage_KAMPANYE: 1 });
    expect(await deps.reports.findByReceipt(r.receiptCode)).toEqual({ status: 'RECEIVED', updatedAt: r.updatedAt });
  });

  it('keeps counters exact under concurrent creates', async () => {
    const reports = Array.from({ length: 20 }, () => report({ regionId: '11.03' }));
    await Promise.all([...reports, ...reports].map((r) => deps.reports.create(r, first).catch(() => deps.reports.create(r, first))));
    expect(await stats('11.03')).toMatchObject({ total: 20, status_RECEIVED: 20 });
  });

  it('a failed transaction leaves nothing behind', async () => {
    const taken = report({ regionId: '11.04' });
    await deps.reports.create(taken, first);
    // Same receipt code, new id: the receipt condition fails, so the report must not exist either.
    const clash = report({ regionId: '11.04', receiptCode: taken.receiptCode });
    await expect(deps.reports.create(clash, first)).rejects.toThrow();
    expect(await deps.reports.get('11.04', clash.id)).toBeNull();
    expect(await stats('11.04')).toMatchObject({ total: 1 });
  });

  it('writes nothing for an OPD the directory does not have', async () => {
    const stray = report({ regionId: '11.04', employee: { ...report().employee, opdId: 'dinas-lain' } });
    expect(await deps.reports.create(stray, first)).toEqual({ outcome: 'unknown-opd' });
    expect(await deps.reports.get('11.04', stray.id)).toBeNull();
    expect(await deps.reports.findByReceipt(stray.receiptCode)).toBeNull();
  });

  it('lists only the region asked for', async () => {
    await deps.reports.create(report({ regionId: '11.05' }), first);
    const page = await deps.reports.list('11.06', { limit: 10 });
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});
