// The Satgas store against DynamoDB Local: an activity that fails a check writes nothing, concurrent status
// changes of one risk count once, and the counters equal the risk items whatever the interleaving.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoSatgasStore } from '../../functions/adapters/dynamodb/satgas-store.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { ulid } from '../../functions/domain/ids.ts';
import { setRiskStatus } from '../../functions/use-cases/satgas.ts';
import type { Activity, Risk } from '../../functions/domain/satgas.schema.ts';

const deps = dependencies();
const table = process.env.TABLE_NAME!;
const store = dynamoSatgasStore(deps.dynamo, table);
const at = new Date().toISOString();

async function region(regionId: string) {
  await deps.directory.putOpd(regionId, 'disdik', { name: 'Dinas Pendidikan' }, at);
  expect(await store.put(regionId, { opdId: 'disdik', decree: { number: '1', date: '2024-07-01' }, members: [{ name: 'A', role: 'KETUA' }], updatedAt: at })).toBe(true);
}

function activity(regionId: string, levels: Risk['level'][], reportIds: string[] = []): { activity: Activity; risks: Risk[] } {
  const id = ulid();
  const risks: Risk[] = levels.map((level) => ({
    id: ulid(), regionId, opdId: 'disdik', electionId: 'pilkada-2024', activityId: id, stage: 'KAMPANYE', category: 'ATRIBUT',
    level, description: 'Spanduk', status: 'TERBUKA', history: [], createdAt: at, updatedAt: at,
  }));
  return {
    activity: {
      id, regionId, opdId: 'disdik', electionId: 'pilkada-2024', kind: 'IDENTIFIKASI_KERAWANAN', heldAt: '2024-09-01', summary: 'x',
      evidenceUrls: [], risks: risks.map(({ id, stage, category, level, description }) => ({ id, stage, category, level, description })), reportIds, createdAt: at,
    },
    risks,
  };
}

async function partition(regionId: string) {
  const { Items } = await deps.dynamo.doc.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `REGION#${regionId}#SATGAS` }, ConsistentRead: true,
  }));
  return Items ?? [];
}

describe('satgas store', () => {
  it('an activity naming an unknown report writes nothing: no activity, no risks, no counters', async () => {
    await region('92.01');
    const { activity: a, risks } = activity('92.01', ['TINGGI', 'RENDAH'], ['01ARZ3NDEKTSV4RRFFQ69G5FAV']);
    expect(await store.createActivity(a, risks)).toEqual({ outcome: 'unknown-report', index: 0 });
    expect(await partition('92.01')).toEqual([]);
    expect(await store.counters('92.01', 'pilkada-2024')).toEqual({ opds: {} });

    const noSatgas = activity('92.01', ['SEDANG']);
    noSatgas.activity.opdId = 'dinkes';
    expect(await store.createActivity(noSatgas.activity, noSatgas.risks)).toEqual({ outcome: 'no-satgas' });
    expect(await partition('92.01')).toEqual([]);
  });

  it('of concurrent changes from one read of a risk, exactly one lands', async () => {
    await region('92.02');
    const { activity: a, risks } = activity('92.02', ['TINGGI']);
    expect(await store.createActivity(a, risks)).toEqual({ outcome: 'created' });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store.setRiskStatus(risks[0]!, 'DITANGANI', `note ${i}`, at)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const opd = (await store.counters('92.02', 'pilkada-2024')).opds.disdik!;
    expect(opd).toMatchObject({ openRisks: 0, highRisks: 0, identifications: 1 });
    expect(opd.cells).toEqual({ 'cell#TERBUKA#KAMPANYE#ATRIBUT#TINGGI': 0, 'cell#DITANGANI#KAMPANYE#ATRIBUT#TINGGI': 1 });
    expect((await store.getRisk('92.02', risks[0]!.id))!.history).toHaveLength(1);
  });

  it('counters equal the risks after many concurrent opens and closes through the use case', async () => {
    await region('92.03');
    const { activity: a, risks } = activity('92.03', ['TINGGI', 'SEDANG', 'TINGGI']);
    await store.createActivity(a, risks);
    const changes = risks.flatMap((risk) =>
      Array.from({ length: 6 }, (_, i) => setRiskStatus(deps, '92.03', risk.id, { status: i % 2 ? 'TERBUKA' : 'DITANGANI', note: `n${i}` })),
    );
    // A change that kept losing to others may give up with a 409 (ConflictError); none may skew a count.
    const settled = await Promise.allSettled(changes);
    for (const result of settled) if (result.status === 'rejected') expect(result.reason.name).toBe('ConflictError');
    expect(settled.filter((result) => result.status === 'fulfilled').length).toBeGreaterThan(3);
    const stored = await Promise.all(risks.map((risk) => store.getRisk('92.03', risk.id)));
    const open = stored.filter((risk) => risk!.status === 'TERBUKA');
    const opd = (await store.counters('92.03', 'pilkada-2024')).opds.disdik!;
    expect(opd.openRisks).toBe(open.length);
    expect(opd.highRisks).toBe(open.filter((risk) => risk!.level === 'TINGGI').length);
    expect(opd.cells['cell#TERBUKA#KAMPANYE#ATRIBUT#TINGGI']! + opd.cells['cell#DITANGANI#KAMPANYE#ATRIBUT#TINGGI']!).toBe(2);
    const { risks: listedOpen } = await store.listRisks('92.03', 'pilkada-2024', 'TERBUKA', 10);
    expect(listedOpen.map((risk) => risk.id).sort()).toEqual(open.map((risk) => risk!.id).sort());
  });

  it('reads the compliance counters with one Query however many activities there are', async () => {
    await region('92.04');
    for (let i = 0; i < 30; i++) {
      const { activity: a, risks } = activity('92.04', i % 3 ? [] : ['RENDAH']);
      await store.createActivity(a, risks);
    }
    let queries = 0;
    const count = (next: any) => async (args: any) => {
      if (args.input?.KeyConditionExpression !== undefined) queries++;
      return next(args);
    };
    deps.dynamo.doc.middlewareStack.add(count, { step: 'initialize', name: 'countQueries' });
    try {
      const opd = (await store.counters('92.04', 'pilkada-2024')).opds.disdik!;
      expect(opd).toMatchObject({ identifications: 30, openRisks: 10 });
    } finally {
      deps.dynamo.doc.middlewareStack.remove('countQueries');
    }
    expect(queries).toBe(1);
  });

  it('lists risks newest first and says when the list was cut', async () => {
    await region('92.05');
    const { activity: a, risks } = activity('92.05', ['RENDAH', 'RENDAH', 'SEDANG']);
    await store.createActivity(a, risks);
    const two = await store.listRisks('92.05', 'pilkada-2024', 'TERBUKA', 2);
    expect(two.risks).toHaveLength(2);
    expect(two.truncated).toBe(true);
    const three = await store.listRisks('92.05', 'pilkada-2024', 'TERBUKA', 3);
    expect(three.truncated).toBe(false);
  });
});
