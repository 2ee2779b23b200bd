// The report store against DynamoDB Local: one transaction per report, idempotent create, counters.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STATS_SHARDS } from '../../functions/adapters/dynamodb/report-items.ts';
import { dependencies } from '../../functions/composition/root.ts';
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
  return deps.reportQueries.counters(regionId, 'pilkada-2024');
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
    expect(await deps.reportQueries.findByReceipt(r.receiptCode)).toEqual({ status: 'RECEIVED', updatedAt: r.updatedAt });
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
    // Refused by the receipt's condition, not by any other failure.
    await expect(deps.reports.create(clash, first)).rejects.toSatisfy(
      (error: unknown) => error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'),
    );
    expect(await deps.reports.get('11.04', clash.id)).toBeNull();
    expect(await stats('11.04')).toMatchObject({ total: 1 });
  });

  it('writes nothing for an OPD the directory does not have', async () => {
    const stray = report({ regionId: '11.04', employee: { ...report().employee, opdId: 'dinas-lain' } });
    expect(await deps.reports.create(stray, first)).toEqual({ outcome: 'unknown-opd' });
    expect(await deps.reports.get('11.04', stray.id)).toBeNull();
    expect(await deps.reportQueries.findByReceipt(stray.receiptCode)).toBeNull();
  });

  it('keeps the report item out of every index but the overdue one: its GSI1 and GSI2 keys are on small items beside it', async () => {
    const r = report({ regionId: '11.05' });
    await deps.reports.create(r, first);
    const get = async (key: Record<string, string>) => (await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
    const order = keys.reportOrder(r.createdAt, r.id);
    expect(await get(keys.report('11.05', r.id))).not.toHaveProperty('GSI1PK');
    expect(await get(keys.report('11.05', r.id))).not.toHaveProperty('GSI2PK');
    expect(await get(keys.reportLists('11.05', r.id))).toMatchObject({ GSI1PK: keys.reportsOfRegion('11.05'), GSI1SK: order });
    expect(await get(keys.reportStatus('11.05', r.id))).toMatchObject({ GSI2PK: keys.reportsByStatus('11.05', 'RECEIVED'), GSI2SK: order });
    // A transition that moves the status rewrites the status item in its transaction; one that does not leaves it.
    const at = new Date().toISOString();
    await deps.reports.transition({ report: r, from: 'RECEIVED', at, timeline: [{ at, actor: 'SYSTEM', action: 'NOTED' }] });
    expect((await get(keys.reportStatus('11.05', r.id)))!.GSI2PK).toBe(keys.reportsByStatus('11.05', 'RECEIVED'));
    await deps.reports.transition({ report: r, from: 'RECEIVED', to: 'AWAITING_OPD_REVIEW', at, timeline: [{ at, actor: 'SYSTEM', action: 'ROUTED' }] });
    expect(await get(keys.reportStatus('11.05', r.id))).toMatchObject({ GSI2PK: keys.reportsByStatus('11.05', 'AWAITING_OPD_REVIEW'), GSI2SK: order });
    expect((await deps.reportQueries.listByStatus('11.05', 'AWAITING_OPD_REVIEW', { limit: 10 })).items.map((x) => x.id)).toContain(r.id);
    expect((await deps.reportQueries.listByStatus('11.05', 'RECEIVED', { limit: 10 })).items.map((x) => x.id)).not.toContain(r.id);
  });

  it('counts workflow rounds on an item of their own, going on from a count an earlier version kept on the report', async () => {
    const r = report({ regionId: '11.05' });
    await deps.reports.create(r, first);
    const version = async () => (await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.report('11.05', r.id), ConsistentRead: true }))).Item!.version;
    const before = await version();
    expect(await deps.reports.countRound('11.05', r.id, 'exec-a')).toBe(1);
    expect(await deps.reports.countRound('11.05', r.id, 'exec-a')).toBe(2);
    expect(await version()).toBe(before); // the report item is not written
    // An execution running through the upgrade: its count so far on the report item.
    await deps.dynamo.doc.send(new UpdateCommand({
      TableName: table, Key: keys.report('11.05', r.id), UpdateExpression: 'SET roundsOf = :e, rounds = :n', ExpressionAttributeValues: { ':e': 'exec-old', ':n': 4 },
    }));
    expect(await deps.reports.countRound('11.05', r.id, 'exec-old')).toBe(5);
    expect(await deps.reports.countRound('11.05', r.id, 'exec-old')).toBe(6);
    expect(await deps.reports.countRound('11.05', r.id, 'exec-b')).toBe(1);
    await expect(deps.reports.countRound('11.05', ulid(), 'exec-a')).rejects.toThrow();
  });

  it('lists only the region asked for', async () => {
    await deps.reports.create(report({ regionId: '11.05' }), first);
    const page = await deps.reportQueries.list('11.06', { limit: 10 });
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});

describe('the counters under concurrent transitions', () => {
  const PATH = ['RECEIVED', 'AWAITING_OPD_REVIEW', 'AWAITING_BKPP_ASSESSMENT', 'AWAITING_PPK_DECISION', 'SANCTIONED'] as const;
  let region = 0;

  it('stay equal to the reports\' statuses, whatever runs at once (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: PATH.length - 1 }), { minLength: 4, maxLength: 14 }), async (steps) => {
        const regionId = `12.${String(++region).padStart(2, '0')}`;
        await deps.directory.putOpd(regionId, 'disdik', { name: 'Dinas Pendidikan' }, new Date().toISOString());
        const reports = steps.map(() => report({ regionId }));
        await Promise.all(reports.map((r) => deps.reports.create(r, first)));
        // Every report walks its own number of steps; all reports walk at once, every step a transaction on the counters.
        await Promise.all(reports.map(async (r, i) => {
          for (let step = 0; step < steps[i]!; step++) {
            const closes = PATH[step + 1] === 'SANCTIONED';
            const at = new Date().toISOString();
            // The PPK's sanction closes it: its outcome and level counters follow from the decision (domain/counters.ts).
            await deps.reports.transition({
              report: r, from: PATH[step]!, to: PATH[step + 1]!, at, timeline: [],
              ...(closes ? { decision: { step: 'PPK_DECISION', outcome: 'IMPOSE', level: 'RINGAN', by: { name: 'P', role: 'PPK' }, at } } : {}),
            });
          }
        }));
        const expected: Record<string, number> = { total: reports.length };
        for (const n of steps) expected[`status_${PATH[n]}`] = (expected[`status_${PATH[n]}`] ?? 0) + 1;
        const sanctioned = steps.filter((n) => PATH[n] === 'SANCTIONED').length;
        const counters = await stats(regionId);
        for (const status of PATH) expect(counters[`status_${status}`] ?? 0, status).toBe(expected[`status_${status}`] ?? 0);
        expect(counters.total).toBe(reports.length);
        expect(counters.outcome_SANCTIONED ?? 0).toBe(sanctioned);
        expect(counters.level_RINGAN ?? 0).toBe(sanctioned);
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('are spread over shards, summed in one query with the unsharded item of earlier versions', async () => {
    const regionId = '12.90';
    await deps.directory.putOpd(regionId, 'disdik', { name: 'Dinas Pendidikan' }, new Date().toISOString());
    // What an earlier version wrote: one STATS#<election> item; and another election whose id starts the same.
    await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: { ...keys.stats(regionId, 'pilkada-2024'), total: 3, status_RECEIVED: 3 } }));
    await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: { ...keys.stats(regionId, 'pilkada-2024x'), total: 100 } }));
    // Four at a time: enough to land on several shards without flooding a busy machine's DynamoDB Local.
    for (let i = 0; i < 6; i++) await Promise.all(Array.from({ length: 4 }, () => deps.reports.create(report({ regionId }), first)));
    expect(await stats(regionId)).toMatchObject({ total: 27, status_RECEIVED: 27 });
    const { Items = [] } = await deps.dynamo.doc.send(new QueryCommand({
      TableName: table, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)', ExpressionAttributeValues: { ':pk': `REGION#${regionId}`, ':s': 'STATS#pilkada-2024#' },
    }));
    expect(Items.length).toBeGreaterThan(1);
    expect(Items.length).toBeLessThanOrEqual(STATS_SHARDS);
  });
});
