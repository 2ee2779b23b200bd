// Personal data's writes against DynamoDB Local: `report migrate` seals a report stored before sealing (the plain
// name and contact gone from the item, once), the access log's entries, their TTL and pages, and a key's hourly
// count of distinct reports, which stops at its cap.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminDependencies } from '../support/admin-dependencies.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { dynamoAccessLogPages, dynamoAccessLogWriter } from '../../functions/adapters/dynamodb/access-log-store.ts';
import type { AccessEntry } from '../../functions/domain/personal-data.schema.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';
import { ulid, receiptCode } from '../../functions/domain/ids.ts';
import { migrateRegion } from '../../functions/use-cases/timeline.ts';
import { unsealReporter } from '../../functions/use-cases/personal-data.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';

const deps = adminDependencies();
const table = process.env.TABLE_NAME!;
const REGION = '11.21';

beforeAll(async () => {
  await deps.directory.putOpd(REGION, 'disdik', { name: 'Dinas Pendidikan' }, new Date().toISOString());
  await deps.directory.putContacts(REGION, DEMO_REGIONS[0]!.contacts, new Date().toISOString());
});

function olderReport(): StoredReport {
  const at = new Date().toISOString();
  return {
    id: ulid(), receiptCode: receiptCode(), regionId: REGION, electionId: 'pilkada-2024', incidentDate: '2024-10-01',
    stage: 'KAMPANYE', category: 'ATRIBUT', description: 'd', location: 'l', evidenceUrls: [],
    employee: { nip: '198001012005011001', name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' },
    // As an earlier version stored it: the identity in plain.
    reporter: { kind: 'PUBLIC', name: 'Pelapor Lama', contact: '0812-1111' }, status: 'RECEIVED', decisions: [], createdAt: at, updatedAt: at,
  };
}

describe('report migrate seals older reports', () => {
  it('seals the identity in place, removes the plain fields, skips it the next time, and the seal opens for that report', async () => {
    const report = olderReport();
    await deps.reports.create(report, { at: report.createdAt, actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' });
    const first = await migrateRegion(deps, REGION);
    expect(first.sealed).toBe(1);
    const { Item } = await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.report(REGION, report.id), ConsistentRead: true }));
    expect(Item!.reporter).toEqual({ kind: 'PUBLIC', sealed: true });
    expect(JSON.stringify(Item)).not.toContain('Pelapor Lama');
    // The sealed value is an item of its own, so transitions do not rewrite its bytes.
    expect(Item).not.toHaveProperty('reporterSealed');
    const { Item: seal } = await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.reporterSeal(REGION, report.id), ConsistentRead: true }));
    expect(seal!.sealed).toMatchObject({ v: 1, keyId: expect.stringMatching(/^local:/) });
    expect(JSON.stringify(seal)).not.toContain('Pelapor Lama');
    expect((await migrateRegion(deps, REGION)).sealed).toBe(0);
    const opened = await unsealReporter(deps, { regionId: REGION, keyId: 'k', reportId: report.id, reason: 'Pemeriksaan saksi oleh BKPSDM daerah.' });
    expect(opened.reporter).toEqual({ kind: 'PUBLIC', name: 'Pelapor Lama', contact: '0812-1111' });
  });
});

describe('intake', () => {
  it('writes the sealed identity as an item beside the report, in the same transaction, and get() carries it back', async () => {
    const report = olderReport();
    const sealed = await deps.seal.seal({ regionId: REGION, reportId: report.id }, { name: 'Pelapor Baru' });
    const created = await deps.reports.create({ ...report, reporter: { kind: 'PUBLIC', sealed: true }, reporterSealed: sealed }, { at: report.createdAt, actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' });
    expect(created.outcome).toBe('created');
    const { Item } = await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.report(REGION, report.id), ConsistentRead: true }));
    expect(Item).not.toHaveProperty('reporterSealed');
    expect((await deps.reports.get(REGION, report.id))!.report.reporterSealed).toEqual(sealed);
  });
});

describe('dynamoAccessLogWriter and its pages', () => {
  const written = (regionId: string, entry: AccessEntry, expiresAt = new Date('2026-10-01T00:00:00.000Z'), id = ulid()) => ({ regionId, id, entry, expiresAt });

  it('keeps each entry until its own expiry, one item per id, and pages a report\'s entries newest first; a region sees only its own', async () => {
    const writer = dynamoAccessLogWriter(deps.dynamo, table, { distinctReportsCap: 5 });
    const pages = dynamoAccessLogPages(deps.dynamo, table);
    const reportId = ulid();
    const batch = ['2024-10-01T01:00:00.000Z', '2024-10-01T02:00:00.000Z', '2024-10-01T03:00:00.000Z']
      .map((at, i) => written(REGION, { at, keyId: 'kA', route: 'GET /v1/reports/{id}', reportId }, new Date(Date.UTC(2026, 9, 1 + i))));
    await writer.write(batch);
    await writer.write([batch[0]!, batch[0]!]); // delivered again, and doubled within a batch: still one item
    const page = await pages.ofReport(REGION, reportId, { limit: 2 });
    expect(page.items.map((e) => e.at)).toEqual(['2024-10-01T03:00:00.000Z', '2024-10-01T02:00:00.000Z']);
    expect(page.items[0]).toEqual({ at: '2024-10-01T03:00:00.000Z', keyId: 'kA', route: 'GET /v1/reports/{id}', reportId });
    const rest = await pages.ofReport(REGION, reportId, { limit: 2, cursor: page.nextCursor! });
    expect(rest).toEqual({ items: [expect.objectContaining({ at: '2024-10-01T01:00:00.000Z' })], nextCursor: null });
    const { Items } = await deps.dynamo.doc.send(new QueryCommand({
      TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.accessOfReport(REGION, reportId) }, ConsistentRead: true,
    }));
    expect(Items!.map((item) => item.expiration)).toEqual([1, 2, 3].map((day) => Date.UTC(2026, 9, day) / 1000));
    expect((await pages.ofReport('11.22', reportId, { limit: 10 })).items).toEqual([]);
    await expect(pages.ofReport('11.22', reportId, { limit: 2, cursor: page.nextCursor! })).rejects.toMatchObject({ name: 'InputError' });
  });

  it('counts one key\'s distinct reports per hour, a report read twice once, and stops at the cap', async () => {
    const writer = dynamoAccessLogWriter(deps.dynamo, table, { distinctReportsCap: 3 });
    const keyId = `k-${ulid()}`;
    const read = (reportId: string, at = '2024-10-01T05:10:00.000Z') => written(REGION, { at, keyId, route: 'GET /v1/reports/{id}', reportId });
    expect(await writer.write([read('R1')])).toEqual([{ keyId, hour: '2024-10-01T05', distinctReports: 1 }]);
    // Read again within the hour: only its entry is written (this runtime counted it already).
    expect(await writer.write([read('R1')])).toEqual([]);
    // Another runtime (a fresh writer) writing it again does not count it twice.
    const other = dynamoAccessLogWriter(deps.dynamo, table, { distinctReportsCap: 3 });
    expect(await other.write([read('R1', '2024-10-01T05:20:00.000Z')])).toEqual([{ keyId, hour: '2024-10-01T05', distinctReports: 1 }]);
    expect(await writer.write([read('R2'), read('R2')])).toEqual([{ keyId, hour: '2024-10-01T05', distinctReports: 2 }]);
    expect(await writer.write([read('R3')])).toEqual([expect.objectContaining({ distinctReports: 3 })]);
    expect(await writer.write([read('R4')])).toEqual([expect.objectContaining({ distinctReports: 3 })]);
    expect((await dynamoAccessLogPages(deps.dynamo, table).ofReport(REGION, 'R1', { limit: 10 })).items).toHaveLength(3);
    // The next hour counts afresh.
    expect(await writer.write([read('R4', '2024-10-01T06:00:00.000Z')])).toEqual([{ keyId, hour: '2024-10-01T06', distinctReports: 1 }]);
    const { Item } = await deps.dynamo.doc.send(new GetCommand({ TableName: table, Key: keys.keyReads(keyId, '2024-10-01T05'), ConsistentRead: true }));
    expect((Item!.reports as Set<string>).size).toBe(3);
  });
});
