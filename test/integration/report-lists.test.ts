// Filtered report lists against DynamoDB Local: each filter through its list index gives exactly the matching
// reports, newest first, page by page; filters combine; cursors stay in their list; the overdue key moves with
// the transitions; reports stored before the list indexes are found once `report migrate` gave them their keys.
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { CATEGORY_CODES, STAGE_CODES, type ReportStatus } from '../../functions/domain/codes.ts';
import { InputError } from '../../functions/domain/errors.ts';
import { receiptCode, ulid } from '../../functions/domain/ids.ts';
import type { ListReportsQuery, StoredReport } from '../../functions/domain/report.schema.ts';
import { adminDependencies } from '../support/admin-dependencies.ts';
import type { ReportQueries } from '../../functions/ports.ts';
import { dynamoReportQueries } from '../../functions/adapters/dynamodb/report-queries.ts';
import { migrateRegion } from '../../functions/use-cases/timeline.ts';
import { ensureTable } from '../../infra/local/tables.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { createDynamoClients } from '../../functions/adapters/dynamodb/client.ts';

const deps = adminDependencies();
const table = process.env.TABLE_NAME!;
const REGION = '13.01';
const OLD_REGION = '13.02';
const LAG_REGION = '13.04';
const OPEN: ReportStatus[] = ['RECEIVED', 'AWAITING_OPD_REVIEW', 'AWAITING_BKPP_ASSESSMENT', 'AWAITING_PPK_DECISION'];
const STATUSES: ReportStatus[] = [...OPEN, 'SANCTIONED', 'DISMISSED'];
const SOURCES = ['INTERNAL', 'BKN_RECOMMENDATION', 'BAWASLU_RECOMMENDATION'] as const;

/** The n-th report of a region: categories, stages, sources, statuses and elections spread so that every
 *  combination the tests ask for has a few reports; one minute apart, so their order is known. */
function nth(regionId: string, n: number): StoredReport {
  const at = new Date(Date.UTC(2024, 9, 1) + n * 60_000).toISOString();
  const source = SOURCES[n % 7 === 0 ? 1 : n % 11 === 0 ? 2 : 0]!;
  return {
    id: ulid(Date.parse(at)), receiptCode: receiptCode(), regionId, electionId: n % 4 === 3 ? 'pemilu-2024' : 'pilkada-2024', incidentDate: '2024-10-01',
    stage: STAGE_CODES[n % 3]!, category: CATEGORY_CODES[n % 4]!, description: 'd', location: 'l', evidenceUrls: [],
    employee: { nip: '198001012005011001', name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' },
    reporter: { kind: 'SATGAS' }, status: STATUSES[n % STATUSES.length]!, decisions: [], createdAt: at, updatedAt: at,
    ...(source === 'INTERNAL' ? {} : { source: { kind: source, number: `R-${n}`, issuedAt: '2024-09-30' } }),
  } as StoredReport;
}

const first = (r: StoredReport) => ({ at: r.createdAt, actor: 'REPORTER', action: 'SUBMITTED', status: r.status });
const entry = (action: string) => ({ at: new Date().toISOString(), actor: 'SYSTEM', action });
const isOverdue = (r: StoredReport) => r.overdueAt !== undefined && OPEN.includes(r.status);

/** What a query must answer, from the reports as the test wrote them: newest first. */
function expected(reports: StoredReport[], q: Omit<ListReportsQuery, 'limit'>): string[] {
  return reports
    .filter((r) =>
      (q.status === undefined || r.status === q.status) && (q.category === undefined || r.category === q.category) &&
      (q.stage === undefined || r.stage === q.stage) && (q.electionId === undefined || r.electionId === q.electionId) &&
      (q.source === undefined || (r.source?.kind ?? 'INTERNAL') === q.source) &&
      (q.overdue === undefined || isOverdue(r) === (q.overdue === 'true')))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .map((r) => r.id);
}

/** Every page of a list, `limit` at a time, following the cursors (at most 100 pages). */
async function walk(regionId: string, q: Omit<ListReportsQuery, 'limit'>, limit: number, store: ReportQueries = deps.reportQueries) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (; pages < 100; pages++) {
    const page = await store.list(regionId, { ...q, limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((item) => item.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { ids, pages: pages + 1 };
}

const rawItem = async (r: StoredReport) =>
  (await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.report(r.regionId, r.id), ConsistentRead: true }))).Item!;

/** Marks the report overdue as markOverdue does (use-cases/sanction/shared/overdue.ts): overdueAt, the counter, no status change. */
async function markOverdue(r: StoredReport) {
  const at = new Date().toISOString();
  await deps.reports.transition({ report: r, from: r.status, at, overdueAt: at, timeline: [entry('REPORT_OVERDUE')] });
  r.overdueAt = at;
}

/** Closes the report as the PPK's decision does (use-cases/sanction/decisions.ts): its overdue count and guard follow. */
async function close(r: StoredReport, to: 'SANCTIONED' | 'DISMISSED') {
  const at = new Date().toISOString();
  const decision = { step: 'PPK_DECISION' as const, outcome: to === 'SANCTIONED' ? 'IMPOSE' as const : 'DISMISS' as const, ...(to === 'SANCTIONED' ? { level: 'RINGAN' as const } : {}), by: { name: 'P', role: 'PPK' }, at };
  await deps.reports.transition({ report: r, from: r.status, to, at, timeline: [entry(to)], decision });
  r.status = to;
}

/** Stores a report as an earlier version did: its GSI1 and GSI2 keys on the report item itself, no list item. */
async function storeOld(r: StoredReport, extra: Record<string, unknown> = {}) {
  const order = keys.reportOrder(r.createdAt, r.id);
  await deps.dynamo.doc.send(new PutCommand({
    TableName: table,
    Item: {
      ...keys.report(r.regionId, r.id), ...r, timelineHash: r.id, timelineLength: 0,
      GSI1PK: keys.reportsOfRegion(r.regionId), GSI1SK: order, GSI2PK: keys.reportsByStatus(r.regionId, r.status), GSI2SK: order, ...extra,
    },
  }));
}

const reports: StoredReport[] = [];

beforeAll(async () => {
  for (const regionId of [REGION, OLD_REGION, '13.03', LAG_REGION]) await deps.directory.putOpd(regionId, 'disdik', { name: 'Dinas Pendidikan' }, new Date().toISOString());
  for (let n = 0; n < 60; n++) reports.push(nth(REGION, n));
  for (const r of reports) expect((await deps.reports.create(r, first(r))).outcome).toBe('created');
  // Open reports every fifth made overdue; two of them closed afterwards (so they are overdue no more).
  const overdue = reports.filter((r, n) => OPEN.includes(r.status) && n % 5 < 2);
  for (const r of overdue) await markOverdue(r);
  await close(overdue[0]!, 'DISMISSED');
  await close(overdue[1]!, 'SANCTIONED');
}, 60_000);

describe('a filtered list through its list index', () => {
  const single: Omit<ListReportsQuery, 'limit'>[] = [
    { category: 'ATRIBUT' }, { category: CATEGORY_CODES[3]! }, { stage: STAGE_CODES[1]! }, { source: 'BKN_RECOMMENDATION' },
    { source: 'BAWASLU_RECOMMENDATION' }, { source: 'INTERNAL' }, { overdue: 'true' }, { overdue: 'false' },
  ];
  for (const q of single) {
    it(`answers exactly the reports with ${JSON.stringify(q)}, newest first, over pages without gaps or repeats`, async () => {
      const want = expected(reports, q);
      expect(want.length).toBeGreaterThan(3); // a real page walk, not one page
      const { ids, pages } = await walk(REGION, q, 3);
      expect(ids).toEqual(want);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(want.length / 3));
      // One page as large as the list answers it all, with no cursor after a short page.
      const whole = await deps.reportQueries.list(REGION, { ...q, limit: 100 });
      expect(whole.items.map((item) => item.id)).toEqual(want);
      expect(whole.nextCursor).toBeNull();
    });
  }

  it('answers the summary fields and none of the keys', async () => {
    const page = await deps.reportQueries.list(REGION, { category: 'ATRIBUT', limit: 1 });
    const r = reports.find((x) => x.id === page.items[0]!.id)!;
    expect(page.items[0]).toEqual({
      id: r.id, receiptCode: r.receiptCode, electionId: r.electionId, incidentDate: r.incidentDate, stage: r.stage, category: r.category,
      status: r.status, employee: r.employee, createdAt: r.createdAt, updatedAt: expect.any(String), ...(r.overdueAt ? { overdueAt: r.overdueAt } : {}),
    });
  });

  it('combines filters: the most selective index, the others tested in the index or on the report', async () => {
    const combined: Omit<ListReportsQuery, 'limit'>[] = [
      { category: 'ATRIBUT', stage: STAGE_CODES[0]! },
      { category: CATEGORY_CODES[1]!, status: 'DISMISSED' },
      { category: CATEGORY_CODES[3]!, electionId: 'pemilu-2024' },
      { overdue: 'true', category: CATEGORY_CODES[1]! },
      { overdue: 'false', stage: STAGE_CODES[2]!, status: 'AWAITING_BKPP_ASSESSMENT' },
      { source: 'BKN_RECOMMENDATION', status: 'RECEIVED' },
      { source: 'INTERNAL', status: 'AWAITING_OPD_REVIEW', stage: STAGE_CODES[1]! },
      { stage: STAGE_CODES[2]!, status: 'DISMISSED' },
      { stage: STAGE_CODES[1]!, overdue: 'true' },
      { status: 'AWAITING_BKPP_ASSESSMENT', overdue: 'true' },
      { electionId: 'pemilu-2024', overdue: 'false' },
      { category: 'ATRIBUT', stage: STAGE_CODES[1]!, source: 'INTERNAL', electionId: 'pilkada-2024', status: 'SANCTIONED', overdue: 'false' },
      { category: 'ATRIBUT', electionId: 'pemilu-2024' }, // none: ATRIBUT reports are all pilkada-2024's
    ];
    let answered = 0;
    for (const q of combined) {
      const want = expected(reports, q);
      if (want.length) answered++;
      expect((await walk(REGION, q, 2)).ids, JSON.stringify(q)).toEqual(want);
    }
    expect(answered).toBe(combined.length - 1); // most combinations have reports, so pages and cursors are exercised
  });

  it('only ever continues a cursor in the list and partition it came from (400 `cursor` otherwise)', async () => {
    const page = await deps.reportQueries.list(REGION, { category: 'ATRIBUT', limit: 2 });
    const cursor = page.nextCursor!;
    expect((await deps.reportQueries.list(REGION, { category: 'ATRIBUT', limit: 2, cursor })).items).toHaveLength(2);
    const refused = [
      deps.reportQueries.list(REGION, { category: 'MEDIA_SOSIAL', limit: 2, cursor }), // another partition of the same index
      deps.reportQueries.list(REGION, { stage: STAGE_CODES[0]!, limit: 2, cursor }), // another index
      deps.reportQueries.list(REGION, { limit: 2, cursor }), // the region's list (GSI1)
      deps.reportQueries.list('13.03', { category: 'ATRIBUT', limit: 2, cursor }), // another region
    ];
    for (const attempt of refused) await expect(attempt).rejects.toSatisfy((e: unknown) => e instanceof InputError && e.errors[0]?.path === 'cursor');
    // And the region's own list's cursor does not open a list index either.
    const plain = await deps.reportQueries.list(REGION, { limit: 2 });
    await expect(deps.reportQueries.list(REGION, { category: 'ATRIBUT', limit: 2, cursor: plain.nextCursor! })).rejects.toBeInstanceOf(InputError);
  });
});

describe('a table that does not have every list index yet (an older stack getting them one deploy at a time)', () => {
  it('answers the same lists, a filter without its index as a filter expression', async () => {
    const queries: Omit<ListReportsQuery, 'limit'>[] = [
      { category: 'ATRIBUT' }, { stage: STAGE_CODES[1]! }, { source: 'BKN_RECOMMENDATION' }, { overdue: 'true' },
      { category: CATEGORY_CODES[1]!, status: 'DISMISSED' }, { stage: STAGE_CODES[2]!, overdue: 'false' },
    ];
    for (const listIndexes of [[], ['Category'], ['Category', 'Stage', 'Source']]) {
      const store = dynamoReportQueries(deps.dynamo, table, { listIndexes });
      for (const q of queries) expect((await walk(REGION, q, 4, store)).ids, `${listIndexes} ${JSON.stringify(q)}`).toEqual(expected(reports, q));
    }
  });
});

describe('an eventually consistent read that misses a report the index has', () => {
  it('reads that report again, strongly, so the page keeps it', async () => {
    const { listReports } = await import('../../functions/adapters/dynamodb/report-list.ts');
    const send = deps.dynamo.doc.send.bind(deps.dynamo.doc);
    let dropped = 0;
    // A replica behind: the eventually consistent BatchGetItem answers without its first report.
    const behind = Object.assign(Object.create(deps.dynamo.doc), {
      send: async (command: any, ...rest: any[]) => {
        const output: any = await send(command, ...rest);
        if (command.constructor.name === 'BatchGetCommand' && !command.input.RequestItems[table].ConsistentRead) {
          output.Responses[table].shift();
          dropped++;
        }
        return output;
      },
    });
    const page = await listReports(behind, table, REGION, { category: 'ATRIBUT', limit: 5 }, new Set(['Category']));
    expect(dropped).toBe(1);
    expect(page.items.map((item) => item.id)).toEqual(expected(reports, { category: 'ATRIBUT' }).slice(0, 5));
  });
});

describe('the overdue index key', () => {
  it('comes with the overdue mark and goes with the closing transition, each in that same write', async () => {
    const r = nth('13.03', 1);
    r.status = 'AWAITING_BKPP_ASSESSMENT';
    await deps.reports.create(r, first(r));
    expect((await rawItem(r)).OverduePK).toBeUndefined();
    await markOverdue(r);
    expect(await rawItem(r)).toMatchObject({ OverduePK: keys.overdueReports('13.03'), overdueAt: r.overdueAt });
    expect((await deps.reportQueries.list('13.03', { overdue: 'true', limit: 10 })).items.map((i) => i.id)).toEqual([r.id]);

    // A transition that fails its condition writes nothing: the key stays with the report still open.
    await expect(deps.reports.transition({ report: r, from: 'AWAITING_PPK_DECISION', to: 'DISMISSED', at: new Date().toISOString(), timeline: [entry('X')] }))
      .rejects.toMatchObject({ name: 'TransitionConflict' });
    expect((await rawItem(r)).OverduePK).toBe(keys.overdueReports('13.03'));

    // Forwarding keeps it overdue (and listed); closing takes the key away, the mark itself stays on the report.
    await deps.reports.transition({ report: r, from: r.status, to: 'AWAITING_PPK_DECISION', at: new Date().toISOString(), timeline: [entry('FORWARDED')] });
    r.status = 'AWAITING_PPK_DECISION';
    expect((await rawItem(r)).OverduePK).toBe(keys.overdueReports('13.03'));
    const before = (await deps.reportQueries.counters('13.03', r.electionId)).overdue;
    await close(r, 'SANCTIONED');
    const closed = await rawItem(r);
    expect(closed.OverduePK).toBeUndefined();
    expect(closed.overdueAt).toBe(r.overdueAt);
    expect((await deps.reportQueries.counters('13.03', r.electionId)).overdue).toBe(before! - 1);
    expect((await deps.reportQueries.list('13.03', { overdue: 'true', limit: 10 })).items).toEqual([]);
  });

  it('is checked against the report itself, so a report the index still holds a moment after it closed is not listed', async () => {
    const r = nth('13.03', 2);
    r.status = 'DISMISSED';
    await deps.reports.create(r, first(r));
    // The index as it may lag: the key still there, the report already closed.
    await deps.dynamo.doc.send(new UpdateCommand({
      TableName: table, Key: keys.report('13.03', r.id), UpdateExpression: 'SET OverduePK = :k, overdueAt = :at',
      ExpressionAttributeValues: { ':k': keys.overdueReports('13.03'), ':at': new Date().toISOString() },
    }));
    expect((await deps.reportQueries.list('13.03', { overdue: 'true', limit: 10 })).items).toEqual([]);
  });
});

describe('reports stored before the list indexes', () => {
  it('are found by every filter once `report migrate` gave them their keys, once', async () => {
    const old = Array.from({ length: 12 }, (_, n) => nth(OLD_REGION, n));
    old[1]!.overdueAt = '2024-10-20T00:00:00.000Z'; // AWAITING_OPD_REVIEW: overdue and open
    old[4]!.overdueAt = '2024-10-20T00:00:00.000Z'; // SANCTIONED: overdue once, closed since
    for (const r of old) await storeOld(r);
    // One reported the new way beside them.
    const fresh = nth(OLD_REGION, 12);
    await deps.reports.create(fresh, first(fresh));
    const all = [...old, fresh];

    // The region's list and a status's have them all, once; a list index does not have them yet.
    expect((await walk(OLD_REGION, {}, 5)).ids).toEqual(expected(all, {}));
    expect((await walk(OLD_REGION, { status: fresh.status }, 1)).ids).toEqual(expected(all, { status: fresh.status }));
    expect((await walk(OLD_REGION, { category: 'ATRIBUT' }, 5)).ids).toEqual(expected([fresh], { category: 'ATRIBUT' }));
    // A cursor handed out before the migration (an earlier version's report item's key) goes on after it.
    const before = await deps.reportQueries.list(OLD_REGION, { limit: 5 });
    expect(JSON.parse(Buffer.from(before.nextCursor!, 'base64url').toString()).SK).toBe('REPORT');

    const nip = fresh.employee.nip!;
    expect((await deps.reportQueries.ofPerson(OLD_REGION, nip, 100)).reports.map((r) => r.id)).toEqual([fresh.id]);
    // The older reports join their employee's index (the fresh one is there already).
    expect(await migrateRegion(deps, OLD_REGION)).toEqual({ reports: 13, migrated: 0, sealed: 0, listKeysAdded: 12, personIndexed: 12, salted: 0 });
    expect((await deps.reportQueries.ofPerson(OLD_REGION, nip, 100)).reports.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(await deps.reportQueries.ofPerson(OLD_REGION, nip, 5)).toMatchObject({ truncated: true });
    for (const r of old) {
      const item = await rawItem(r);
      expect([item.GSI1PK, item.GSI2PK, item.GSI2SK], r.id).toEqual([undefined, undefined, undefined]);
    }
    const rest = await walk(OLD_REGION, {}, 5);
    const after = await deps.reportQueries.list(OLD_REGION, { limit: 100, cursor: before.nextCursor! });
    expect([...before.items, ...after.items].map((i) => i.id)).toEqual(expected(all, {}));
    expect(rest.ids).toEqual(expected(all, {}));
    for (const status of STATUSES) expect((await walk(OLD_REGION, { status }, 1)).ids, status).toEqual(expected(all, { status }));
    // The digest's newly overdue reports: an older report's overdue mark is written by the migration too.
    const day = await deps.reportQueries.ofPeriod(OLD_REGION, '2024-10-20T00:00:00.000Z', '2024-10-21T00:00:00.000Z');
    expect(day.overdue.map((r) => r.id)).toEqual([old[1]!.id, old[4]!.id]);
    for (const q of [{ category: 'ATRIBUT' }, { stage: STAGE_CODES[2]! }, { source: 'INTERNAL' }, { source: 'BKN_RECOMMENDATION' }, { overdue: 'true' }, { overdue: 'false' }, { category: CATEGORY_CODES[1]!, status: 'AWAITING_OPD_REVIEW' }] as const) {
      const want = expected(all, q);
      expect(want.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect((await walk(OLD_REGION, q, 2)).ids, JSON.stringify(q)).toEqual(want);
    }
    expect((await deps.reportQueries.list(OLD_REGION, { overdue: 'true', limit: 10 })).items.map((i) => i.id)).toEqual([old[1]!.id]);
    expect((await rawItem(old[4]!)).OverduePK).toBeUndefined();
    // Run again, it finds nothing left to do.
    expect(await deps.migrations.migrateListKeys(OLD_REGION)).toEqual({ reports: 13, added: 0 });
  });

  it('get no overdue key, and their status key as it is now, when the report closes between the migration\'s read and its write', async () => {
    const r = nth('13.03', 10);
    Object.assign(r, { status: 'AWAITING_BKPP_ASSESSMENT', overdueAt: '2024-10-20T00:00:00.000Z' });
    const order = keys.reportOrder(r.createdAt, r.id);
    await storeOld(r);
    // The migration reads the report overdue and open; it is dismissed before the migration writes its key.
    const send = deps.dynamo.doc.send.bind(deps.dynamo.doc);
    let closed = false;
    const racing = Object.assign(Object.create(deps.dynamo.doc), {
      send: async (command: any, ...rest: any[]) => {
        const update = command.input.TransactItems?.[0]?.Update;
        if (!closed && command.constructor.name === 'TransactWriteCommand' && update?.Key?.PK === keys.report('13.03', r.id).PK && update.UpdateExpression.startsWith('REMOVE')) {
          closed = true;
          await close(r, 'DISMISSED');
        }
        return send(command, ...rest);
      },
    });
    const { migrateListKeys } = await import('../../functions/adapters/dynamodb/report-list.ts');
    await migrateListKeys(racing, table, '13.03');
    expect(closed).toBe(true);
    const moved = await rawItem(r);
    expect(moved.OverduePK).toBeUndefined();
    expect([moved.GSI1PK, moved.GSI2PK, moved.GSI2SK]).toEqual([undefined, undefined, undefined]);
    const status = (await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.reportStatus('13.03', r.id), ConsistentRead: true }))).Item;
    expect(status).toMatchObject({ GSI2PK: keys.reportsByStatus('13.03', 'DISMISSED'), GSI2SK: order });
    const lists = (await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.reportLists('13.03', r.id), ConsistentRead: true }))).Item;
    expect(lists).toMatchObject({ CategoryPK: keys.reportsByCategory('13.03', r.category), GSI1SK: order, electionId: r.electionId });
    expect((await deps.reportQueries.list('13.03', { category: r.category, status: 'DISMISSED', limit: 10 })).items.map((i) => i.id)).toContain(r.id);
  });

  it('are listed once while an index holds both their report item and the item their key moved to (an index lags its table)', async () => {
    const lagging = Array.from({ length: 6 }, (_, n) => nth(LAG_REGION, n));
    for (const r of lagging) {
      // Its keys on the report item as an earlier version wrote them, and on the list and status items as the
      // migration writes them: both in GSI1 and in GSI2, as for a moment while `report migrate` moves them.
      await storeOld(r);
      const { listItem, statusItem } = await import('../../functions/adapters/dynamodb/report-list.ts');
      for (const Item of [listItem(r), statusItem(r)]) await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item }));
    }
    for (const limit of [1, 2, 4, 100]) {
      expect((await walk(LAG_REGION, {}, limit)).ids, `limit ${limit}`).toEqual(expected(lagging, {}));
      for (const status of new Set(lagging.map((r) => r.status))) {
        expect((await walk(LAG_REGION, { status }, limit)).ids, `${status}, limit ${limit}`).toEqual(expected(lagging, { status }));
      }
    }
    const received = await deps.reportQueries.ofPeriod(LAG_REGION, lagging[0]!.createdAt, '2025-01-01T00:00:00.000Z');
    expect(received.received.map((r) => r.id)).toEqual(lagging.map((r) => r.id));
    const byStatus = await deps.reportQueries.listByStatus(LAG_REGION, lagging[0]!.status, { limit: 10 });
    expect(byStatus.items.map((r) => r.id)).toEqual([lagging[0]!.id]);
  });

  it('move their status key on the report item itself until the migration moved it, then on the status item', async () => {
    const r = nth('13.03', 20);
    r.status = 'AWAITING_OPD_REVIEW';
    await storeOld(r, { timelineHash: undefined, timelineLength: undefined });
    await deps.reports.transition({ report: r, from: r.status, to: 'AWAITING_BKPP_ASSESSMENT', at: new Date().toISOString(), timeline: [entry('FORWARDED')] });
    r.status = 'AWAITING_BKPP_ASSESSMENT';
    expect((await rawItem(r)).GSI2PK).toBe(keys.reportsByStatus('13.03', 'AWAITING_BKPP_ASSESSMENT'));
    const listed = async (status: ReportStatus) => (await walk('13.03', { status }, 100)).ids.includes(r.id);
    expect([await listed('AWAITING_OPD_REVIEW'), await listed('AWAITING_BKPP_ASSESSMENT')]).toEqual([false, true]);

    expect((await deps.migrations.migrateListKeys('13.03')).added).toBeGreaterThanOrEqual(1);
    await close(r, 'DISMISSED');
    expect((await rawItem(r)).GSI2PK).toBeUndefined();
    expect([await listed('AWAITING_BKPP_ASSESSMENT'), await listed('DISMISSED')]).toEqual([false, true]);
    expect((await deps.reports.get('13.03', r.id))!.timeline.map((e) => e.action)).toEqual(['FORWARDED', 'DISMISSED']);
  });
});

describe('a local table made by an earlier version', () => {
  it('gets the list indexes it lacks, built from the items it holds, once', async () => {
    // A DynamoDB Local of its own: the shared one, busy with every other test file, may build an index for minutes.
    const dynamo = await startDynamoLocal();
    const { client, doc } = createDynamoClients({ endpoint: dynamo.endpoint, region: 'ap-southeast-3', local: true });
    const name = 'netra-old';
    const S = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' as const });
    const index = (n: string) => ({ IndexName: `GSI${n}`, KeySchema: [{ AttributeName: `GSI${n}PK`, KeyType: 'HASH' as const }, { AttributeName: `GSI${n}SK`, KeyType: 'RANGE' as const }], Projection: { ProjectionType: 'ALL' as const } });
    await client.send(new CreateTableCommand({
      TableName: name, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map(S),
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }], GlobalSecondaryIndexes: [index('1'), index('2')],
    }));
    try {
      await doc.send(new PutCommand({ TableName: name, Item: { PK: 'a', SK: 'REPORT', GSI1PK: 'r', GSI1SK: '1', CategoryPK: 'c', electionId: 'e' } }));
      expect(await ensureTable(client, name)).toEqual(['Category', 'Stage', 'Source', 'Overdue']);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      expect(Table!.GlobalSecondaryIndexes!.map((gsi) => gsi.IndexName).sort()).toEqual(['Category', 'GSI1', 'GSI2', 'Overdue', 'Source', 'Stage']);
      const { Items } = await doc.send(new QueryCommand({ TableName: name, IndexName: 'Category', KeyConditionExpression: 'CategoryPK = :c', ExpressionAttributeValues: { ':c': 'c' } }));
      expect(Items).toEqual([{ PK: 'a', SK: 'REPORT', CategoryPK: 'c', GSI1SK: '1', electionId: 'e' }]);
      expect(await ensureTable(client, name)).toEqual([]);
    } finally {
      client.destroy();
      await dynamo.stop();
    }
  }, 120_000); // a DynamoDB Local started, four indexes built one after another
});
