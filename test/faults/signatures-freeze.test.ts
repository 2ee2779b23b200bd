// Signature counts after DynamoDB Local is frozen for longer than the signature writer's lease: `npm start` run as
// a child with its own DynamoDB Local, eight overlapping uploads in flight, SIGSTOP 150 ms in, SIGCONT after 35 s
// or 90 s, every 503 and dropped connection sent again after its Retry-After (as the import command does), then
// the signatures stored per OPD and per ceremony compared with what compliance and the ceremonies count.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ceremonyBody, signatory } from '../support/api.ts';
import { startStack, type RunningStack } from '../support/local-stack.ts';

const OPDS = ['disdik', 'dinkes', 'setda', 'dpupr'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DynamoDB Local frozen for longer than the signature lease under overlapping uploads', () => {
  let stack: RunningStack;
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-signatures-'));
  beforeAll(async () => {
    stack = await startStack(dataDir, { NETRA_RECONCILE_SECONDS: '5', POWERTOOLS_LOG_LEVEL: 'ERROR' });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  // One region per freeze, so each starts from nothing and has its own lease and counters.
  it.each([[35_000, '34.01'], [90_000, '34.02']])('for %i ms: every signature stored is counted once, per OPD and per ceremony', async (freezeMs, regionId) => {
    const local = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));
    const key = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'))[regionId];
    const call = (path: string, init: RequestInit & { json?: unknown } = {}, timeoutMs = 20_000) => fetch(`${stack.url}${path}`, {
      ...init, signal: AbortSignal.timeout(timeoutMs),
      headers: { 'x-api-key': key, accept: 'application/json', ...(init.json ? { 'content-type': 'application/json' } : {}) },
      ...(init.json ? { body: JSON.stringify(init.json) } : {}),
    });
    const ceremony = async () => {
      const response = await call('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ opdIds: [] }) });
      expect(response.status).toBe(201);
      return (await response.json()).id as string;
    };
    const ceremonies = [await ceremony(), await ceremony()];

    // 800 employees over four OPDs; eight bodies of 400 drawn from them in different orders, to two ceremonies.
    const people = Array.from({ length: 800 }, (_, i) => signatory({
      nip: `1986${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}201101${1 + (i % 2)}${String(1 + i).padStart(3, '0')}`,
      name: `Pegawai ${i}`, opdId: OPDS[i % 4],
    }));
    const bodies = Array.from({ length: 8 }, (_, i) => {
      const start = (i * 137) % 800;
      const slice = [...people.slice(start), ...people.slice(0, start)].slice(0, 400);
      return i % 2 ? slice.reverse() : slice;
    });
    const answers: number[] = [];
    const upload = async (ceremonyId: string, rows: unknown[]) => {
      // Bounded: the freeze plus five minutes of retries (on a machine at load 50, a writer's 5 s window holds
      // a fraction of a round, and the uploads get through only as the intents left behind are completed).
      const until = Date.now() + freezeMs + 300_000;
      while (Date.now() < until) {
        const response = await call(`/v1/ceremonies/${ceremonyId}/signatories`, { method: 'POST', json: { signatories: rows } }, 15_000).catch(() => null);
        answers.push(response?.status ?? 0);
        if (response?.status === 200) return (await response.json()) as { accepted: number; duplicates: number };
        // As the import command does: the answer's Retry-After, jittered (a dropped connection: a second or two).
        const retryAfter = Number(response?.headers.get('retry-after') ?? 1);
        await response?.body?.cancel();
        await sleep(retryAfter * 1_000 * (0.5 + Math.random()));
      }
      throw new Error(`an upload was not accepted within ${freezeMs + 300_000} ms; answers ${summarise(answers)}`);
    };

    const uploads = bodies.map((rows, i) => upload(ceremonies[i % 2]!, rows));
    await sleep(150);
    process.kill(local.dynamoPid, 'SIGSTOP');
    try {
      await sleep(freezeMs);
    } finally {
      process.kill(local.dynamoPid, 'SIGCONT');
    }
    const results = await Promise.all(uploads);

    const accepted = results.reduce((sum, r) => sum + r.accepted, 0);
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: local.dynamoEndpoint, region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const stored = await storedSignatures(dynamo, local.tableName, regionId, ceremonies);
    // A resend of every body accepts nothing: each employee is stored once.
    const again = await Promise.all(bodies.map((rows, i) => upload(ceremonies[i % 2]!, rows)));
    expect(again.reduce((sum, r) => sum + r.accepted, 0)).toBe(0);

    const report = await (await call('/v1/compliance?electionId=pilkada-2024')).json();
    const counted = Object.fromEntries(report.opds.filter((o: { opdId: string }) => OPDS.includes(o.opdId)).map((o: { opdId: string; signatories: number }) => [o.opdId, o.signatories]));
    expect({ counted, total: report.totals.signatories }, `answers ${answers.join(',')}`).toEqual({ counted: stored.perOpd, total: stored.total });
    const list = await (await call('/v1/ceremonies?electionId=pilkada-2024')).json();
    const perCeremony = Object.fromEntries(list.items.map((c: { id: string; signatories: number }) => [c.id, c.signatories]));
    expect(perCeremony).toEqual(stored.perCeremony);
    expect(stored.total).toBe(800);
    // An upload answered 503 may still have been stored, completed by the writer after it; never more than stored.
    expect(accepted).toBeLessThanOrEqual(stored.total);
    console.log(`signatures, frozen ${freezeMs} ms: ${stored.total} stored and counted; answers ${summarise(answers)}`);
  }, 900_000);
});

/** The signature items per OPD and per ceremony (a ceremony may have none: the other's uploads can cover all 800). */
async function storedSignatures(dynamo: DynamoDBDocumentClient, table: string, regionId: string, ceremonies: string[]) {
  const perOpd: Record<string, number> = Object.fromEntries(OPDS.map((id) => [id, 0]));
  const perCeremony: Record<string, number> = Object.fromEntries(ceremonies.map((id) => [id, 0]));
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({
      TableName: table, KeyConditionExpression: 'PK = :pk', ExclusiveStartKey: start, ConsistentRead: true,
      ExpressionAttributeValues: { ':pk': `REGION#${regionId}#SIGNATURES#pilkada-2024#IKRAR_ASN` },
    }));
    for (const item of page.Items ?? []) {
      perOpd[item.opdId] = (perOpd[item.opdId] ?? 0) + 1;
      perCeremony[item.ceremonyId] = (perCeremony[item.ceremonyId] ?? 0) + 1;
      total++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { perOpd, perCeremony, total };
}

function summarise(answers: number[]) {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n}×${status || 'no answer'}`).join(', ');
}
