// Ceremonies, signatures and pledge counters in DynamoDB, kept exact under concurrent, repeated and
// interrupted uploads (see "Why signatures are not written in transactions" in the README).
//
// Signatures of one region, election and pledge text have one writer at a time: a lease item. Under it the
// writer reads which employees already signed, records the new keys on the lease (its intent), writes
// them with BatchWriteItem, then in ONE transaction adds them to the counters and drops the lease. A writer
// that dies leaves its intent behind; the next one counts the intent's items that exist, so nothing is
// counted twice or missed. Every call a writer makes under the lease is aborted at its deadline, inside the
// route's timeout and at most half its lease (lib/time-budget.ts), so no write of a writer that stalled,
// froze or died can land after the lease has passed on, and the counters' transaction still requires the lease.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredCeremony } from '#domain/ceremony.schema';
import type { CeremonyStore, NewSignature, PledgeCounters } from '#ports';
import { UnavailableError } from '#domain/errors';
import { isContention } from '#lib/faults';
import { retry } from '#lib/retry';
import { CONTENTION_BUDGET_MS, SIGNATURE_LEASE_MS, SIGNATURE_LEASE_WAIT_MS, SIGNATURE_WRITE_WINDOW_MS } from '#lib/time-budget';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

export interface CeremonyStoreOptions {
  /** How long a writer's lease lasts; at least twice the route's timeout. */
  leaseMs?: number;
  /** How long a request waits for the lease (queued in this process, then polling) before answering 503. */
  leaseWaitMs?: number;
  /** How long after taking the lease a writer may make calls under it; each is aborted then. */
  writeWindowMs?: number;
  /** Test hook: runs before each BatchWriteItem of signatures (a writer stalling mid-write). */
  beforeWrite?: (chunk: number) => Promise<void> | void;
  /** Test hook: runs after the signatures are written and before they are counted. */
  afterWrite?: () => Promise<void> | void;
}

/** One transaction (100 items) carries the counters and the lease: at most this many OPDs per round. */
export const MAX_OPDS_PER_ROUND = 90;
const BATCH_WRITES_IN_FLIGHT = 16;
/** Unprocessed batch items and contended transactions: tried this often within CONTENTION_BUDGET_MS. */
const CONTENTION_RETRY = { attempts: 8, baseDelayMs: 10, maxDelayMs: 500, budgetMs: CONTENTION_BUDGET_MS } as const;

const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);
function toCeremony(item: Record<string, any>): StoredCeremony {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as StoredCeremony;
}

/** The HTTP layer answers this as 503 with Retry-After; the import command waits and sends the batch again. */
function writerBusy(cause?: unknown): Error {
  return new UnavailableError('Another upload for this election is being written', { cause });
}

/** Some items of a batch call were left unprocessed (throttled): the remainder is sent again. */
class Unprocessed extends Error {}

/** The time a writer may act: calls start only before `at`, and each is aborted when it comes. */
class WriterDeadline {
  private at: number;
  constructor(at: number) {
    this.at = at;
  }
  /** Once the lease is taken at `takenAt`: the writer has `windowMs` from then, and never more than half its lease. */
  leaseTaken(takenAt: number, windowMs: number, leaseMs: number) {
    this.at = takenAt + Math.min(windowMs, leaseMs / 2);
  }
  get passed() {
    return Date.now() >= this.at;
  }
  /** The options of one call: throws (503) once the deadline has passed, or aborts the call when it does. */
  call(): { abortSignal: AbortSignal } {
    const left = this.at - Date.now();
    if (left <= 0) throw writerBusy();
    return { abortSignal: AbortSignal.timeout(left) };
  }
}

/** An aborted call (the writer's deadline came) or a gone lease answers 503 like a busy writer. */
function asBusy(error: unknown): never {
  const name = (error as Error | undefined)?.name;
  if (name === 'AbortError' || name === 'TimeoutError' || error instanceof ConditionalCheckFailedException) throw writerBusy(error);
  throw error;
}

/** Splits signatures into rounds of at most MAX_OPDS_PER_ROUND OPDs, so each round's counters fit one transaction. */
export function planRounds(signatures: NewSignature[], maxOpds = MAX_OPDS_PER_ROUND): NewSignature[][] {
  const byOpd = new Map<string, NewSignature[]>();
  for (const s of signatures) byOpd.set(s.row.opdId, [...(byOpd.get(s.row.opdId) ?? []), s]);
  const groups = [...byOpd.values()];
  const rounds: NewSignature[][] = [];
  for (let i = 0; i < groups.length; i += maxOpds) rounds.push(groups.slice(i, i + maxOpds).flat());
  return rounds;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

export function dynamoCeremonyStore({ doc }: DynamoClients, tableName: string, options: CeremonyStoreOptions = {}): CeremonyStore {
  const leaseMs = options.leaseMs ?? SIGNATURE_LEASE_MS;
  const leaseWaitMs = options.leaseWaitMs ?? SIGNATURE_LEASE_WAIT_MS;
  const writeWindowMs = options.writeWindowMs ?? SIGNATURE_WRITE_WINDOW_MS;

  const queryAllUnder = (pk: string, prefix: string) => queryAll(doc, tableName, pk, { skPrefix: prefix, consistent: true });

  /** The signature items that exist among these employee keys, with the OPD each was counted under. */
  async function existing(ceremony: StoredCeremony, employeeKeys: string[], deadline: WriterDeadline): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const chunks: Record<string, string>[][] = [];
    const all = employeeKeys.map((key) => keys.signature(ceremony.regionId, ceremony.electionId, ceremony.kind, key));
    for (let i = 0; i < all.length; i += 100) chunks.push(all.slice(i, i + 100));
    await inParallel(chunks, BATCH_WRITES_IN_FLIGHT, async (chunk) => {
      let pending = chunk;
      await untilProcessed(async () => {
        const { Responses, UnprocessedKeys } = await doc.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: 'SK, opdId', ConsistentRead: true } },
          }),
          deadline.call(),
        );
        for (const item of Responses?.[tableName] ?? []) found.set(item.SK, item.opdId);
        pending = (UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof pending;
        return pending.length;
      });
    });
    return found;
  }

  /** Repeats a batch call while it leaves items unprocessed (it returns how many); 503 when they stay so. */
  async function untilProcessed(send: () => Promise<number>) {
    await retry(
      async () => {
        if (await send()) throw new Unprocessed();
      },
      { ...CONTENTION_RETRY, retryable: (error) => error instanceof Unprocessed },
    ).catch((error) => {
      if (error instanceof Unprocessed) throw writerBusy();
      asBusy(error);
    });
  }

  async function writeAll(ceremony: StoredCeremony, signatures: NewSignature[], at: string, deadline: WriterDeadline) {
    const { regionId, electionId, kind, id: ceremonyId } = ceremony;
    const requests = signatures.map((s) => ({
      PutRequest: { Item: { ...keys.signature(regionId, electionId, kind, s.employeeKey), ...s.row, ceremonyId, signedAt: at } },
    }));
    const chunks: (typeof requests)[] = [];
    for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
    let started = 0;
    await inParallel(chunks, BATCH_WRITES_IN_FLIGHT, async (chunk) => {
      await options.beforeWrite?.(started++);
      let pending = chunk;
      await untilProcessed(async () => {
        const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }), deadline.call());
        pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
        return pending.length;
      });
    });
  }

  /** A transaction, tried again when it met another one on a counter or was throttled (nothing was applied then). */
  async function transact(items: any[], deadline?: WriterDeadline) {
    await retry(() => doc.send(new TransactWriteCommand({ TransactItems: items }), deadline?.call()), {
      ...CONTENTION_RETRY,
      retryable: isContention,
    });
  }

  /** Takes the lease of the region, election and text, waiting while another writer holds it. Returns what an
   *  expired holder left behind, if anything. */
  async function acquire(ceremony: StoredCeremony, owner: string, arrived: number, deadline: WriterDeadline): Promise<Record<string, any> | undefined> {
    const waitUntil = arrived + leaseWaitMs;
    // Its turn in this process's queue may come after its wait is over: then it does not even try.
    const left = waitUntil - Date.now();
    if (left < 0) throw writerBusy();
    // Polled while another writer holds it: short jittered waits, none started after the request's wait is over.
    return retry(
      async () => {
        const now = Date.now();
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.signatureWriter(ceremony.regionId, ceremony.electionId, ceremony.kind),
            UpdateExpression: 'SET #owner = :owner, expiresAt = :expires',
            ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': owner, ':expires': now + leaseMs, ':now': now },
            ReturnValues: 'ALL_OLD',
          }),
          deadline.call(),
        );
        deadline.leaseTaken(now, writeWindowMs, leaseMs);
        return Attributes;
      },
      { attempts: Number.MAX_SAFE_INTEGER, baseDelayMs: 10, maxDelayMs: 40, budgetMs: left, retryable: (error) => error instanceof ConditionalCheckFailedException },
    ).catch((error) => (error instanceof ConditionalCheckFailedException ? Promise.reject(writerBusy(error)) : asBusy(error)));
  }

  /** Adds what was written to the counters and lets go of the lease, in one transaction. */
  async function commit(ceremony: StoredCeremony, owner: string, perOpd: Map<string, number>, total: number, release: boolean, deadline: WriterDeadline) {
    const { regionId, electionId, kind, id: ceremonyId } = ceremony;
    const lease = keys.signatureWriter(regionId, electionId, kind);
    const items: any[] = [
      release
        ? {
            Delete: {
              TableName: tableName, Key: lease, ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner },
            },
          }
        : {
            Update: {
              TableName: tableName, Key: lease, UpdateExpression: 'REMOVE pendingKeys, pendingCeremony', ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner },
            },
          },
    ];
    if (total) {
      items.push({
        Update: {
          TableName: tableName,
          Key: keys.pledgeCeremony(regionId, electionId, ceremonyId),
          UpdateExpression: 'SET ceremonyId = :id ADD signatories :n',
          ExpressionAttributeValues: { ':id': ceremonyId, ':n': total },
        },
      });
      // Only the ASN pledge counts toward an OPD's coverage; a declaration's signers are not its staff.
      if (kind === 'IKRAR_ASN') {
        for (const [opdId, n] of perOpd) {
          items.push({
            Update: {
              TableName: tableName,
              Key: keys.pledgeOpd(regionId, electionId, opdId),
              UpdateExpression: 'SET opdId = :opd ADD signatories :n',
              ExpressionAttributeValues: { ':opd': opdId, ':n': n },
            },
          });
        }
      }
    }
    // Conditioned on the lease being this writer's: a writer whose lease passed on counts nothing.
    await transact(items, deadline).catch((error) => {
      const leaseGone = error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
      if (leaseGone) throw writerBusy(error);
      asBusy(error);
    });
  }

  /** Counts the items of an intent that reached the table (exactly those: nobody else writes under the lease). */
  async function settleIntent(ceremony: StoredCeremony, owner: string, pendingKeys: string[], release: boolean, deadline: WriterDeadline) {
    const written = await existing(ceremony, pendingKeys, deadline);
    const perOpd = new Map<string, number>();
    for (const opdId of written.values()) perOpd.set(opdId, (perOpd.get(opdId) ?? 0) + 1);
    await commit(ceremony, owner, perOpd, written.size, release, deadline);
  }

  // Requests in this process queue here first, so they take the lease the moment it is free instead of
  // polling for it (a Lambda runs one request at a time; the local server runs many).
  const queues = new Map<string, Promise<unknown>>();
  function queued<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(key, next);
    void next.catch(() => undefined).finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
    return next;
  }

  async function writeRound(ceremony: StoredCeremony, signatures: NewSignature[], at: string, arrived: number) {
    const owner = randomUUID();
    // Until it holds the lease, its calls end when its wait does.
    const deadline = new WriterDeadline(arrived + leaseWaitMs);
    const lease = keys.signatureWriter(ceremony.regionId, ceremony.electionId, ceremony.kind);
    const release = () =>
      doc.send(new DeleteCommand({
        TableName: tableName, Key: lease, ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner },
      }), deadline.call());
    const left = await acquire(ceremony, owner, arrived, deadline);
    if (left?.pendingKeys?.length) {
      // An earlier writer died between writing and counting: count what it wrote, under its ceremony.
      const theirs = (await get(ceremony.regionId, left.pendingCeremony)) ?? ceremony;
      await settleIntent(theirs, owner, left.pendingKeys, false, deadline);
    }
    let intent: string[] = [];
    try {
      const signed = await existing(ceremony, signatures.map((s) => s.employeeKey), deadline);
      const fresh = signatures.filter((s) => !signed.has(s.employeeKey));
      if (fresh.length === 0) {
        await release();
        return { accepted: 0, duplicates: signatures.length };
      }
      await doc.send(new UpdateCommand({
        TableName: tableName, Key: lease,
        UpdateExpression: 'SET pendingKeys = :keys, pendingCeremony = :ceremony',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':keys': fresh.map((s) => s.employeeKey), ':ceremony': ceremony.id, ':owner': owner },
      }), deadline.call()).catch(asBusy);
      intent = fresh.map((s) => s.employeeKey);
      await writeAll(ceremony, fresh, at, deadline);
      await options.afterWrite?.();
      const perOpd = new Map<string, number>();
      for (const s of fresh) perOpd.set(s.row.opdId, (perOpd.get(s.row.opdId) ?? 0) + 1);
      await commit(ceremony, owner, perOpd, fresh.length, true, deadline);
      return { accepted: fresh.length, duplicates: signatures.length - fresh.length };
    } catch (error) {
      // Still within its time: settle what reached the table now rather than make the region wait for the lease
      // to expire. Past it, the next writer settles the intent once the lease has expired.
      if (!deadline.passed) {
        await (intent.length
          ? settleIntent(ceremony, owner, intent, true, deadline)
          : release()
        ).catch(() => undefined);
      }
      throw error;
    }
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
                Key: keys.pledgeOpd(regionId, electionId, opdId),
                UpdateExpression: 'SET opdId = :opd ADD ceremonies :one',
                ExpressionAttributeValues: { ':opd': opdId, ':one': 1 },
              },
            }));
      try {
        await transact([
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.ceremony(regionId, ceremony.id), ...ceremony },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...counters,
        ]);
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
      return (await queryAllUnder(keys.region(regionId).PK, keys.ceremonyPrefix)).map(toCeremony);
    },

    async signatoryCounts(regionId, electionId) {
      const counts: Record<string, number> = {};
      for (const item of await queryAllUnder(keys.region(regionId).PK, keys.pledgeCeremonyPrefix(electionId))) {
        counts[item.ceremonyId] = (counts[item.ceremonyId] ?? 0) + Number(item.signatories ?? 0);
      }
      return counts;
    },

    async addSignatures(ceremony, signatures, at) {
      const total = { accepted: 0, duplicates: 0 };
      // The request's waits and writes are timed from here, whichever round and whatever its place in the queue.
      const arrived = Date.now();
      for (const round of planRounds(signatures)) {
        const queue = keys.signatureWriter(ceremony.regionId, ceremony.electionId, ceremony.kind).SK;
        const { accepted, duplicates } = await queued(`${ceremony.regionId}#${queue}`, () => writeRound(ceremony, round, at, arrived));
        total.accepted += accepted;
        total.duplicates += duplicates;
      }
      return total;
    },

    async counters(regionId, electionId) {
      const pk = keys.region(regionId).PK;
      const [opdItems, { Item: region }] = await Promise.all([
        queryAllUnder(pk, keys.pledgeOpdPrefix(electionId)),
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
