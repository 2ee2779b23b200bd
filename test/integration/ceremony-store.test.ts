// The signature writer against DynamoDB Local: a writer that dies or fails between writing and counting
// leaves counts that still equal the stored signatures.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoCeremonyStore } from '../../functions/adapters/dynamodb/ceremony-store.ts';
import { planRounds } from '../../functions/adapters/dynamodb/signature-writer.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { signatureKey, type StoredCeremony } from '../../functions/domain/ceremony.schema.ts';
import type { NewSignature } from '../../functions/ports.ts';

const deps = dependencies();
const table = process.env.TABLE_NAME!;
const OPDS = ['disdik', 'dinkes', 'setda'];

function ceremony(regionId: string): StoredCeremony {
  return {
    id: `01J${regionId.replace('.', '')}${'0'.repeat(19)}`.slice(0, 26), regionId, kind: 'IKRAR_ASN', electionId: 'pilkada-2024',
    heldAt: '2024-08-26', location: 'Aula', leader: { name: 'Sekda', title: 'Sekda' }, opdIds: [], participants: { asn: 0, nonAsn: 0 },
    evidenceUrls: [], pledgeTextId: 'ikrar-asn/v1', pledgeTextVersion: 1, createdAt: new Date().toISOString(),
  };
}

function signatures(from: number, to: number): NewSignature[] {
  return Array.from({ length: to - from }, (_, i) => {
    const n = from + i;
    const row = { nip: `19900101201501${1 + (n % 2)}${String(100 + n).padStart(3, '0')}`, name: `P ${n}`, opdId: OPDS[n % 3]!, employmentType: 'PNS' as const };
    return { index: i, employeeKey: signatureKey(row), row };
  });
}

async function storedCount(regionId: string) {
  const { Count } = await deps.dynamo.doc.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'PK = :pk', Select: 'COUNT',
    ExpressionAttributeValues: { ':pk': `REGION#${regionId}#SIGNATURES#pilkada-2024#IKRAR_ASN` },
  }));
  return Count ?? 0;
}

async function counted(store: ReturnType<typeof dynamoCeremonyStore>, c: StoredCeremony) {
  const counters = await store.counters(c.regionId, c.electionId);
  const perOpd = Object.values(counters.opds).reduce((sum, opd) => sum + opd.signatories, 0);
  const perCeremony = (await store.signatoryCounts(c.regionId, c.electionId))[c.id] ?? 0;
  return { perOpd, perCeremony };
}

describe('signature writer', () => {
  it('a writer that dies after writing is counted by the next writer, once', async () => {
    const c = ceremony('91.01');
    const dying = dynamoCeremonyStore(deps.dynamo, table, { leaseMs: 8_000, afterWrite: () => new Promise<void>(() => undefined) });
    const next = dynamoCeremonyStore(deps.dynamo, table, { leaseMs: 8_000, leaseWaitMs: 15_000, writeWindowMs: 20_000 });
    void dying.addSignatures(c, signatures(0, 50), new Date().toISOString());
    for (let i = 0; i < 100 && (await storedCount('91.01')) < 50; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await storedCount('91.01')).toBe(50);
    expect(await counted(next, c)).toEqual({ perOpd: 0, perCeremony: 0 }); // written, not yet counted

    const result = await next.addSignatures(c, signatures(25, 75), new Date().toISOString());
    expect(result).toEqual({ accepted: 25, duplicates: 25 });
    expect(await storedCount('91.01')).toBe(75);
    expect(await counted(next, c)).toEqual({ perOpd: 75, perCeremony: 75 });
  });

  it('a writer that fails after writing settles its own intent before answering', async () => {
    const c = ceremony('91.02');
    const failing = dynamoCeremonyStore(deps.dynamo, table, { afterWrite: () => { throw new Error('network gone'); } });
    await expect(failing.addSignatures(c, signatures(0, 40), new Date().toISOString())).rejects.toThrow('network gone');
    const store = dynamoCeremonyStore(deps.dynamo, table);
    expect(await counted(store, c)).toEqual({ perOpd: 40, perCeremony: 40 });
    // The client retries the same rows: all already stored and counted.
    expect(await store.addSignatures(c, signatures(0, 40), new Date().toISOString())).toEqual({ accepted: 0, duplicates: 40 });
    expect(await counted(store, c)).toEqual({ perOpd: 40, perCeremony: 40 });
  });
});

describe('a signature writer stalled past its lease', () => {
  it('sends nothing after its lease passed on, so the counts stay equal to the stored signatures', async () => {
    const c = ceremony('91.03');
    let resume!: () => void;
    const resumed = new Promise<void>((done) => (resume = done));
    // Its second BatchWriteItem (rows 25-49) waits until the test lets it go: long after its lease expired.
    const stalled = dynamoCeremonyStore(deps.dynamo, table, {
      leaseMs: 6_000, writeWindowMs: 60_000, beforeWrite: (chunk) => (chunk === 1 ? resumed : undefined),
    });
    const next = dynamoCeremonyStore(deps.dynamo, table, { leaseMs: 6_000, leaseWaitMs: 20_000, writeWindowMs: 60_000 });
    const first = stalled.addSignatures(c, signatures(0, 50), new Date().toISOString());
    first.catch(() => undefined);
    for (let i = 0; i < 200 && (await storedCount('91.03')) < 25; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await storedCount('91.03')).toBe(25);

    // The next writer waits for the lease to expire, counts the 25 that reached the table, and adds its own 30.
    expect(await next.addSignatures(c, signatures(100, 130), new Date().toISOString())).toEqual({ accepted: 30, duplicates: 0 });
    expect(await counted(next, c)).toEqual({ perOpd: 55, perCeremony: 55 });

    resume();
    await expect(first).rejects.toThrow('Another upload for this election is being written');
    expect(await storedCount('91.03')).toBe(55);
    expect(await counted(next, c)).toEqual({ perOpd: 55, perCeremony: 55 });
  });
});

describe('planRounds', () => {
  it('keeps each round within the OPDs one transaction can count', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ index: i, employeeKey: `K${i}`, row: { name: 'x', opdId: `opd${i % 200}`, employmentType: 'PNS' as const } }));
    const rounds = planRounds(many, 90);
    expect(rounds.map((round) => new Set(round.map((s) => s.row.opdId)).size)).toEqual([90, 90, 20]);
    expect(rounds.flat()).toHaveLength(500);
  });
});
