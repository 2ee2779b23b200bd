// Ceremonies, signatures and pledge counters in DynamoDB. Every counter changes in the same transaction
// as the items it counts, so the counts equal the stored items under concurrent and repeated uploads.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredCeremony } from '#domain/ceremony.schema';
import type { CeremonyStore, NewSignature, PledgeCounters } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';

/** TransactWriteItems' limit: signature puts plus one counter update per OPD plus the ceremony's counter. */
export const MAX_TRANSACTION_ITEMS = 100;
/** Signature counters are spread over this many items, so concurrent transactions seldom meet on one. */
export const COUNTER_SHARDS = 8;
/** Transactions one request runs at once. */
const TRANSACTIONS_IN_FLIGHT = 1;
const MAX_ATTEMPTS = 8;

const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);
function toCeremony(item: Record<string, any>): StoredCeremony {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as StoredCeremony;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Full-jitter exponential backoff: 10 ms, 20 ms, ... capped at 1 s. */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(1_000, 10 * 2 ** attempt));

/** Splits signatures into transactions of at most 100 items, grouping each OPD's rows so one counter serves many. */
export function planTransactions(signatures: NewSignature[], maxItems = MAX_TRANSACTION_ITEMS): NewSignature[][] {
  const sorted = [...signatures].sort((a, b) => (a.row.opdId < b.row.opdId ? -1 : a.row.opdId > b.row.opdId ? 1 : a.index - b.index));
  const plans: NewSignature[][] = [];
  let current: NewSignature[] = [];
  let opds = new Set<string>();
  for (const signature of sorted) {
    const newOpd = !opds.has(signature.row.opdId);
    // puts + one update per OPD + the ceremony counter
    if (current.length + opds.size + (newOpd ? 1 : 0) + 1 + 1 > maxItems) {
      plans.push(current);
      current = [];
      opds = new Set();
    }
    current.push(signature);
    opds.add(signature.row.opdId);
  }
  if (current.length) plans.push(current);
  return plans;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

export function dynamoCeremonyStore({ doc }: DynamoClients, tableName: string): CeremonyStore {
  async function queryAll(pk: string, prefix: string): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    let start: Record<string, any> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The employee keys among `signatures` that already have a signature item. */
  async function existing(ceremony: StoredCeremony, signatures: NewSignature[]): Promise<Set<string>> {
    const found = new Set<string>();
    const all = signatures.map((s) => keys.signature(ceremony.regionId, ceremony.electionId, ceremony.kind, s.employeeKey));
    for (let i = 0; i < all.length; i += 100) {
      let pending = all.slice(i, i + 100);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt >= MAX_ATTEMPTS) throw new Error('BatchGetItem kept returning unprocessed keys');
        if (attempt) await backoff(attempt);
        const { Responses, UnprocessedKeys } = await doc.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: 'SK', ConsistentRead: true } } }),
        );
        for (const item of Responses?.[tableName] ?? []) found.add(item.SK);
        pending = (UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof pending;
      }
    }
    return found;
  }

  function transactItems(ceremony: StoredCeremony, signatures: NewSignature[], at: string) {
    const shard = Math.floor(Math.random() * COUNTER_SHARDS);
    const { regionId, electionId, kind, id: ceremonyId } = ceremony;
    const perOpd = new Map<string, number>();
    for (const s of signatures) perOpd.set(s.row.opdId, (perOpd.get(s.row.opdId) ?? 0) + 1);
    return [
      ...signatures.map((s) => ({
        Put: {
          TableName: tableName,
          Item: { ...keys.signature(regionId, electionId, kind, s.employeeKey), ...s.row, ceremonyId, signedAt: at },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
      {
        Update: {
          TableName: tableName,
          Key: keys.pledgeCeremony(regionId, electionId, ceremonyId, shard),
          UpdateExpression: 'SET ceremonyId = :id ADD signatories :n',
          ExpressionAttributeValues: { ':id': ceremonyId, ':n': signatures.length },
        },
      },
      // Only the ASN pledge counts toward an OPD's coverage; a declaration's signers are not its staff.
      ...(kind === 'IKRAR_ASN'
        ? [...perOpd].map(([opdId, n]) => ({
            Update: {
              TableName: tableName,
              Key: keys.pledgeOpd(regionId, electionId, opdId, shard),
              UpdateExpression: 'SET opdId = :opd ADD signatories :n',
              ExpressionAttributeValues: { ':opd': opdId, ':n': n },
            },
          }))
        : []),
    ];
  }

  /** Writes one planned transaction; drops rows whose employee already signed and retries the rest. */
  async function writePlan(ceremony: StoredCeremony, plan: NewSignature[], at: string) {
    let remaining = plan;
    let duplicates = 0;
    for (let attempt = 0; remaining.length; attempt++) {
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: transactItems(ceremony, remaining, at) }));
        return { accepted: remaining.length, duplicates };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException) || attempt + 1 >= MAX_ATTEMPTS) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons.some((reason, i) => i < remaining.length && reason.Code === 'ConditionalCheckFailed')) {
          // DynamoDB may name only some of the failed conditions: look up every row once, then retry.
          const signed = await existing(ceremony, remaining);
          const before = remaining.length;
          remaining = remaining.filter((s) => !signed.has(s.employeeKey));
          duplicates += before - remaining.length;
          if (before === remaining.length) await backoff(attempt);
        } else if (reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError' || reason.Code === 'ProvisionedThroughputExceeded')) {
          await backoff(attempt);
        } else {
          throw error;
        }
      }
    }
    return { accepted: 0, duplicates };
  }

  async function get(regionId: string, id: string) {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.ceremony(regionId, id), ConsistentRead: true }));
    return Item ? toCeremony(Item) : null;
  }

  return {
    get,

    async create(ceremony) {
      const { regionId, electionId } = ceremony;
      const counters =
        ceremony.kind === 'DEKLARASI_KEPALA_DAERAH' || ceremony.opdIds.length === 0
          ? [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.pledgeRegion(regionId, electionId),
                  UpdateExpression: `ADD ${ceremony.kind === 'IKRAR_ASN' ? 'regionWideCeremonies' : 'declarations'} :one`,
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ]
          : ceremony.opdIds.map((opdId) => ({
              Update: {
                TableName: tableName,
                Key: keys.pledgeOpd(regionId, electionId, opdId, 0),
                UpdateExpression: 'SET opdId = :opd ADD ceremonies :one',
                ExpressionAttributeValues: { ':opd': opdId, ':one': 1 },
              },
            }));
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.ceremony(regionId, ceremony.id), ...ceremony },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...counters,
            ],
          }),
        );
        return { created: true, ceremony };
      } catch (error) {
        const exists = error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
        if (!exists) throw error;
        const stored = await get(regionId, ceremony.id);
        if (!stored) throw error;
        return { created: false, ceremony: stored };
      }
    },

    async list(regionId) {
      return (await queryAll(keys.region(regionId).PK, keys.ceremonyPrefix)).map(toCeremony);
    },

    async signatoryCounts(regionId, electionId) {
      const counts: Record<string, number> = {};
      for (const item of await queryAll(keys.region(regionId).PK, keys.pledgeCeremonyPrefix(electionId))) {
        counts[item.ceremonyId] = (counts[item.ceremonyId] ?? 0) + Number(item.signatories ?? 0);
      }
      return counts;
    },

    async addSignatures(ceremony, signatures, at) {
      const total = { accepted: 0, duplicates: 0 };
      await inParallel(planTransactions(signatures), TRANSACTIONS_IN_FLIGHT, async (plan) => {
        const { accepted, duplicates } = await writePlan(ceremony, plan, at);
        total.accepted += accepted;
        total.duplicates += duplicates;
      });
      return total;
    },

    async counters(regionId, electionId) {
      const pk = keys.region(regionId).PK;
      const [opdItems, { Item: region }] = await Promise.all([
        queryAll(pk, keys.pledgeOpdPrefix(electionId)),
        doc.send(new GetCommand({ TableName: tableName, Key: keys.pledgeRegion(regionId, electionId), ConsistentRead: true })),
      ]);
      const result: PledgeCounters = {
        opds: {},
        regionWideCeremonies: Number(region?.regionWideCeremonies ?? 0),
        declarations: Number(region?.declarations ?? 0),
      };
      for (const item of opdItems) {
        const opd = (result.opds[item.opdId] ??= { ceremonies: 0, signatories: 0 });
        opd.ceremonies += Number(item.ceremonies ?? 0);
        opd.signatories += Number(item.signatories ?? 0);
      }
      return result;
    },
  };
}
