// The signature writer against DynamoDB Local: a writer that dies or fails between writing and counting
// leaves counts that still equal the stored signatures.
import { BatchWriteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoCeremonyStore } from '../../functions/adapters/dynamodb/ceremony-store.ts';
import { encodeIntent, planRounds } from '../../functions/adapters/dynamodb/signature-writer.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { signatureKey, type StoredCeremony, type NewSignature } from '../../functions/domain/ceremony.schema.ts';

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
  it('sends nothing after its lease passed on; the next writer completes its intent and counts it once', async () => {
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

    // The next writer waits for the lease to expire, writes the 25 of the intent that never reached the table,
    // counts all 50, and adds its own 30.
    expect(await next.addSignatures(c, signatures(100, 130), new Date().toISOString())).toEqual({ accepted: 30, duplicates: 0 });
    expect(await storedCount('91.03')).toBe(80);
    expect(await counted(next, c)).toEqual({ perOpd: 80, perCeremony: 80 });

    resume();
    await expect(first).rejects.toThrow('Another upload for this election is being written');
    expect(await storedCount('91.03')).toBe(80);
    expect(await counted(next, c)).toEqual({ perOpd: 80, perCeremony: 80 });
    // Its client sends the body again: every row is already stored and counted.
    expect(await next.addSignatures(c, signatures(0, 50), new Date().toISOString())).toEqual({ accepted: 0, duplicates: 50 });
  });

  it('a write already sent when its writer lost the lease, landing after the next writer counted, changes nothing', async () => {
    const c = ceremony('91.04');
    // The stale writer's second BatchWriteItem (rows 25-49) is answered with its deadline's abort, but reaches
    // DynamoDB only when the test lets it: the bytes a frozen DynamoDB Local holds until SIGCONT.
    const held = heldBatchWrites(deps.dynamo.doc, 2);
    const stale = dynamoCeremonyStore({ ...deps.dynamo, doc: held.doc }, table, { leaseMs: 6_000 });
    const next = dynamoCeremonyStore(deps.dynamo, table, { leaseMs: 20_000, leaseWaitMs: 20_000, writeWindowMs: 60_000 });
    await expect(stale.addSignatures(c, signatures(0, 50), new Date().toISOString())).rejects.toThrow('Another upload for this election is being written');
    // Its first 25 may still be on their way too (aborted at the deadline, applied anyway): nothing waits for them.

    // The next writer takes the expired lease and completes the intent: the held 25 written by it, all 50 counted.
    expect(await next.addSignatures(c, signatures(40, 70), new Date().toISOString())).toEqual({ accepted: 20, duplicates: 10 });
    expect(await counted(next, c)).toEqual({ perOpd: 70, perCeremony: 70 });

    // The held write lands now: the same 25 items, already stored and counted (before, counted stayed at 45).
    await held.land();
    expect(held.landed).toBe(1);
    expect(await storedCount('91.04')).toBe(70);
    expect(await counted(next, c)).toEqual({ perOpd: 70, perCeremony: 70 });
  });

  it('an intent of the earlier version (keys only) left on an expired lease is counted from the items that exist', async () => {
    const c = ceremony('91.05');
    const written = signatures(0, 12);
    await deps.dynamo.doc.send(new BatchWriteCommand({ RequestItems: { [table]: written.map((s) => ({ PutRequest: { Item: {
      PK: `REGION#91.05#SIGNATURES#pilkada-2024#IKRAR_ASN`, SK: s.employeeKey, ...s.row, ceremonyId: c.id, signedAt: new Date().toISOString() } } })) } }));
    await deps.dynamo.doc.send(new PutCommand({ TableName: table, Item: {
      PK: 'REGION#91.05', SK: 'SIGNWRITER#pilkada-2024#IKRAR_ASN', owner: 'gone', expiresAt: Date.now() - 1_000,
      pendingCeremony: c.id, pendingKeys: [...written, ...signatures(12, 20)].map((s) => s.employeeKey),
    } }));
    const store = dynamoCeremonyStore(deps.dynamo, table);
    expect(await store.addSignatures(c, signatures(10, 30), new Date().toISOString())).toEqual({ accepted: 18, duplicates: 2 });
    expect(await storedCount('91.05')).toBe(30);
    expect(await counted(store, c)).toEqual({ perOpd: 30, perCeremony: 30 });
  });
});

describe('rounds whose intent would not fit the lease item', () => {
  it('are split, and every signature is still counted once', async () => {
    const c = ceremony('91.06');
    const store = dynamoCeremonyStore(deps.dynamo, table, { maxIntentBytes: 400 });
    expect(encodeIntent(signatures(0, 60)).byteLength).toBeGreaterThan(400);
    expect(await store.addSignatures(c, signatures(0, 60), new Date().toISOString())).toEqual({ accepted: 60, duplicates: 0 });
    expect(await storedCount('91.06')).toBe(60);
    expect(await counted(store, c)).toEqual({ perOpd: 60, perCeremony: 60 });
  });
});

/** A client whose BatchWriteItems from the `from`-th on are answered with the caller's abort but reach DynamoDB
 *  only on `land()`. */
function heldBatchWrites(doc: DynamoDBDocumentClient, from: number) {
  const held: BatchWriteCommand[] = [];
  let batches = 0;
  const result = {
    landed: 0,
    doc: Object.assign(Object.create(doc), {
      send(command: unknown, options?: { abortSignal?: AbortSignal }) {
        if (!(command instanceof BatchWriteCommand) || ++batches < from) return doc.send(command as never, options);
        held.push(command);
        return new Promise((_, reject) => options?.abortSignal?.addEventListener('abort', () => reject(options.abortSignal!.reason)));
      },
    }) as DynamoDBDocumentClient,
    async land() {
      for (const command of held.splice(0)) {
        await doc.send(command);
        result.landed++;
      }
    },
  };
  return result;
}

describe('planRounds', () => {
  it('keeps each round within the OPDs one transaction can count', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ index: i, employeeKey: `K${i}`, row: { name: 'x', opdId: `opd${i % 200}`, employmentType: 'PNS' as const } }));
    const rounds = planRounds(many, 90);
    expect(rounds.map((round) => new Set(round.map((s) => s.row.opdId)).size)).toEqual([90, 90, 20]);
    expect(rounds.flat()).toHaveLength(500);
  });
});
