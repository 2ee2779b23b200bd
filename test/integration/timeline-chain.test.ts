// The hash-chained timeline in DynamoDB Local: every entry written by create and transition is chained, also
// under concurrent appends; an older report is migrated once; an entry changed by hand is named by
// `npm run admin -- report verify` (a child process, as an engineer runs it); an older chain salted, then erased intact.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminDependencies } from '../support/admin-dependencies.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';
import { ulid, receiptCode } from '../../functions/domain/ids.ts';
import { verifyChain } from '../../functions/domain/timeline-chain.ts';
import { verifyReport } from '../../functions/use-cases/timeline.ts';

const deps = adminDependencies();
const table = process.env.TABLE_NAME!;
const REGION = '12.01';
const run = promisify(execFile);
const admin = (...args: string[]) =>
  run(process.execPath, ['infra/admin/cli.ts', ...args, '--endpoint', inject('dynamoEndpoint'), '--table', table], { env: { ...process.env, NETRA_MODE: '' } });

function report(): StoredReport {
  const at = new Date().toISOString();
  return {
    id: ulid(), receiptCode: receiptCode(), regionId: REGION, electionId: 'pilkada-2024', incidentDate: '2024-10-01',
    stage: 'KAMPANYE', category: 'ATRIBUT', description: 'd', location: 'l', evidenceUrls: [],
    employee: { nip: '198001012005011001', name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' },
    reporter: { kind: 'SATGAS', name: 'Rahasia' }, status: 'RECEIVED', decisions: [], createdAt: at, updatedAt: at,
  };
}
const entry = (action: string, note?: string) => ({ at: new Date().toISOString(), actor: 'SYSTEM', action, ...(note ? { note } : {}) });

beforeAll(async () => {
  await deps.directory.putOpd(REGION, 'disdik', { name: 'Dinas Pendidikan' }, new Date().toISOString());
});

describe('the report store chains every entry', () => {
  it('from create and transition, readable in order with their hashes', async () => {
    const r = report();
    const created = await deps.reports.create(r, entry('SUBMITTED'));
    expect(created.outcome).toBe('created');
    await deps.reports.transition({ report: r, from: 'RECEIVED', to: 'AWAITING_BKPP_ASSESSMENT', at: new Date().toISOString(), timeline: [entry('A'), entry('B')] });
    const found = (await deps.reports.get(REGION, r.id))!;
    expect(found.timeline.map((e) => e.action)).toEqual(['SUBMITTED', 'A', 'B']);
    expect(found.timeline.every((e) => /^[0-9a-f]{64}$/.test(e.hash!))).toBe(true);
    expect(found.report.timelineHash).toBe(found.timeline.at(-1)!.hash);
    expect(verifyChain(r.id, found.timeline as any, found.report.timelineHash)).toMatchObject({ intact: true, entries: 3 });
  });

  it('keeps one chain when many append at once (no fork), and still refuses a status that moved on', async () => {
    const r = report();
    await deps.reports.create(r, entry('SUBMITTED'));
    await Promise.all(Array.from({ length: 6 }, (_, i) =>
      deps.reports.transition({ report: r, from: 'RECEIVED', at: new Date().toISOString(), timeline: [entry(`NOTE_${i}`)] })));
    const found = (await deps.reports.get(REGION, r.id))!;
    expect(found.timeline).toHaveLength(7);
    expect(new Set(found.timeline.map((e) => e.action)).size).toBe(7);
    expect(verifyChain(r.id, found.timeline as any, found.report.timelineHash)).toMatchObject({ intact: true, entries: 7 });
    await expect(deps.reports.transition({ report: r, from: 'AWAITING_OPD_REVIEW', at: new Date().toISOString(), timeline: [entry('X')] }))
      .rejects.toMatchObject({ name: 'TransitionConflict', reason: 'report' });
  });

  it('computes an older report’s chain once, marked as computed after the fact, before appending to it', async () => {
    const r = report();
    // As stored before chains: no timelineHash, entries without hash or seq.
    await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: { ...keys.report(REGION, r.id), ...r, GSI1PK: keys.reportsOfRegion(REGION), GSI1SK: keys.reportOrder(r.createdAt, r.id) } }));
    for (const [i, action] of ['SUBMITTED', 'DECISION_REQUESTED'].entries()) {
      const e = { ...entry(action), at: `2024-10-0${i + 1}T00:00:00.000Z` };
      await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: { ...keys.timeline(REGION, r.id, `${e.at}#${ulid()}`), ...e } }));
    }
    expect((await verifyReport(deps, REGION, r.id)).intact).toBe(false);
    const { stdout } = await admin('report', 'migrate', '--region', REGION);
    expect(stdout).toMatch(/1 of \d+ report\(s\)/);
    const migrated = await verifyReport(deps, REGION, r.id);
    expect(migrated).toMatchObject({ intact: true, entries: 2 });
    expect(migrated.migratedAt).toBeTruthy();
    // Appending goes on from the migrated chain; migrating again changes nothing.
    await deps.reports.transition({ report: r, from: 'RECEIVED', at: new Date().toISOString(), timeline: [entry('LATER')] });
    expect(await deps.migrations.migrate(REGION, r.id, new Date().toISOString())).toBe(true);
    expect(await verifyReport(deps, REGION, r.id)).toMatchObject({ intact: true, entries: 3, migratedAt: migrated.migratedAt });
  });

  it('chains an older report first when its personal data is erased (the retention purge needs no migration)', async () => {
    const r = { ...report(), status: 'DISMISSED' as const };
    await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: { ...keys.report(REGION, r.id), ...r } }));
    const old = { ...entry('SUBMITTED', 'Diterima dari Budi Santoso'), at: '2024-10-01T00:00:00.000Z' };
    await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: { ...keys.timeline(REGION, r.id, `${old.at}#${ulid()}`), ...old } }));
    const at = new Date().toISOString();
    const erased = await deps.reports.erasePersonalData(r, { at, entry: { at, actor: 'SYSTEM', action: 'PERSONAL_DATA_ERASED', status: 'DISMISSED' } });
    expect(erased).toBe(true);
    const found = (await deps.reports.get(REGION, r.id))!;
    expect(found.timeline.map((e) => e.action)).toEqual(['SUBMITTED', 'PERSONAL_DATA_ERASED']);
    expect(JSON.stringify(found)).not.toContain('Budi Santoso');
    expect(await verifyReport(deps, REGION, r.id)).toMatchObject({ intact: true, entries: 2, erased: 1, migratedAt: at });
  });

  it('lets `report verify` name the entry that was changed by hand', async () => {
    const r = report();
    await deps.reports.create(r, entry('SUBMITTED'));
    await deps.reports.transition({ report: r, from: 'RECEIVED', at: new Date().toISOString(), timeline: [entry('FIRST', 'as written'), entry('SECOND')] });
    const ok = await admin('report', 'verify', '--region', REGION, '--id', r.id);
    expect(ok.stdout).toContain('chain intact, 3 entries');

    const { Items = [] } = await deps.dynamo.doc.send(new QueryCommand({
      TableName: table, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :tl)',
      ExpressionAttributeValues: { ':pk': keys.reportPartition(REGION, r.id), ':tl': keys.timelinePrefix },
    }));
    const target = Items.find((item) => item.action === 'FIRST')!;
    await deps.dynamo.doc.send(new UpdateCommand({ TableName: table, Key: { PK: target.PK, SK: target.SK }, UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': 'rewritten later' } }));

    const failed = await admin('report', 'verify', '--region', REGION, '--id', r.id).catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/entry #2 \(\S+ FIRST\) does not match/);
    await expect(admin('report', 'verify', '--region', '12.02', '--id', r.id)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not found') });
  });
});

describe('salted commitments in DynamoDB', () => {
  it('a chain stored before salting is salted once (former hashes kept), then erased with the chain intact', async () => {
    const r = report();
    await deps.reports.create(r, entry('SUBMITTED', 'Diterima dari Budi Santoso'));
    await deps.reports.transition({ report: r, from: 'RECEIVED', to: 'DISMISSED', at: new Date().toISOString(), timeline: [{ ...entry('DISMISSED', 'Tidak terbukti: saksi Ahmad.'), by: 'Drs. Pejabat' }] });
    // As an earlier version stored it: no salts, each hash over the values as they are.
    const partition = keys.reportPartition(REGION, r.id);
    const items = ((await deps.dynamo.doc.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partition } }))).Items ?? [])
      .filter((item) => String(item.SK).startsWith('TL#')).sort((a, b) => a.seq - b.seq);
    const { canonicalJson } = await import('../../functions/domain/timeline-chain.ts');
    const { createHash } = await import('node:crypto');
    let last = r.id;
    const old: string[] = [];
    for (const item of items) {
      const { PK, SK, seq, hash: _h, salt: _s, ...content } = item;
      last = createHash('sha256').update(`${last}${canonicalJson(content)}`).digest('hex');
      old.push(last);
      await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: { PK, SK, seq, ...content, hash: last } }));
    }
    await deps.dynamo.doc.send(new UpdateCommand({ TableName: table, Key: keys.report(REGION, r.id), UpdateExpression: 'SET timelineHash = :h', ExpressionAttributeValues: { ':h': last } }));
    expect(await verifyReport(deps, REGION, r.id)).toMatchObject({ intact: true, erased: 0 });

    expect(await deps.migrations.saltChain(REGION, r.id, new Date().toISOString())).toBe(true);
    expect(await deps.migrations.saltChain(REGION, r.id, new Date().toISOString())).toBe(false);
    const salted = (await deps.reports.get(REGION, r.id))!;
    expect(salted.timeline.map((e) => e.formerHash)).toEqual(old);
    expect(salted.timeline.every((e) => typeof e.salt === 'string')).toBe(true);
    expect(await verifyReport(deps, REGION, r.id)).toMatchObject({ intact: true });

    const at = new Date().toISOString();
    expect(await deps.reports.erasePersonalData(r, { at, nipHash: 'h', entry: { at, actor: 'SYSTEM', action: 'PERSONAL_DATA_ERASED' } })).toBe(true);
    expect(await deps.reports.erasePersonalData(r, { at, entry: { at, actor: 'SYSTEM', action: 'PERSONAL_DATA_ERASED' } })).toBe(false);
    const erased = (await deps.reports.get(REGION, r.id))!;
    expect(JSON.stringify(erased)).not.toMatch(/Budi|Ahmad|Pejabat|Rahasia/);
    expect(await verifyReport(deps, REGION, r.id)).toMatchObject({ intact: true, entries: 3, erased: 2 });
  });
});
