// The one writer of a region's signatures: exact counters under concurrent, repeated and interrupted uploads
// (see "Why signatures are not written in transactions" in the README).
//
// Signatures of one region, election and pledge text have one writer at a time: a lease item. Under it the
// writer reads which employees already signed, records the new keys on the lease (its intent), writes
// them with BatchWriteItem, then in ONE transaction adds them to the counters and drops the lease. A writer
// that dies leaves its intent behind; the next one counts the intent's items that exist, so nothing is
// counted twice or missed. Every call a writer makes under the lease is aborted at its deadline, inside the
// route's timeout and at most half its lease (support/time-budget.ts), so no write of a writer that stalled,
// froze or died can land after the lease has passed on, and the counters' transaction still requires the lease.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredCeremony } from '#domain/ceremony.schema';
import type { NewSignature } from '#ports';
import { retry } from '#support/retry';
import { SIGNATURE_LEASE_MS, SIGNATURE_LEASE_WAIT_MS, SIGNATURE_WRITE_WINDOW_MS } from '#support/time-budget';
import { batchGetAll, batchPutAll, transact } from './batch-io.ts';
import { keys } from './keys.ts';
import { asBusy, writerBusy, WriterDeadline } from './writer-deadline.ts';

export interface SignatureWriterOptions {
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

/** Splits signatures into rounds of at most MAX_OPDS_PER_ROUND OPDs, so each round's counters fit one transaction. */
export function planRounds(signatures: NewSignature[], maxOpds = MAX_OPDS_PER_ROUND): NewSignature[][] {
  const byOpd = new Map<string, NewSignature[]>();
  for (const s of signatures) byOpd.set(s.row.opdId, [...(byOpd.get(s.row.opdId) ?? []), s]);
  const groups = [...byOpd.values()];
  const rounds: NewSignature[][] = [];
  for (let i = 0; i < groups.length; i += maxOpds) rounds.push(groups.slice(i, i + maxOpds).flat());
  return rounds;
}

/** The condition of every write to the lease but its taking: it is still this writer's. */
const ownedBy = (owner: string) => ({
  ConditionExpression: '#owner = :owner', ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner },
});

/** Adds a region's signatures to a ceremony through the lease; `ceremonyOf` reads the ceremony an earlier
 *  writer's intent was for. */
export function signatureWriter(
  doc: DynamoDBDocumentClient, tableName: string, options: SignatureWriterOptions, ceremonyOf: (regionId: string, id: string) => Promise<StoredCeremony | null>,
) {
  const leaseMs = options.leaseMs ?? SIGNATURE_LEASE_MS;
  const leaseWaitMs = options.leaseWaitMs ?? SIGNATURE_LEASE_WAIT_MS;
  const writeWindowMs = options.writeWindowMs ?? SIGNATURE_WRITE_WINDOW_MS;

  /** The signature items that exist among these employee keys, with the OPD each was counted under. */
  async function existing(ceremony: StoredCeremony, employeeKeys: string[], deadline: WriterDeadline): Promise<Map<string, string>> {
    const all = employeeKeys.map((key) => keys.signature(ceremony.regionId, ceremony.electionId, ceremony.kind, key));
    const items = await batchGetAll(doc, tableName, all, { attributes: ['SK', 'opdId'], call: () => deadline.call() }).catch(asBusy);
    return new Map(items.map((item) => [item.SK, item.opdId]));
  }

  async function writeAll(ceremony: StoredCeremony, signatures: NewSignature[], at: string, deadline: WriterDeadline) {
    const { regionId, electionId, kind, id: ceremonyId } = ceremony;
    const items = signatures.map((s) => ({ ...keys.signature(regionId, electionId, kind, s.employeeKey), ...s.row, ceremonyId, signedAt: at }));
    await batchPutAll(doc, tableName, items, () => deadline.call(), options.beforeWrite).catch(asBusy);
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
        ? { Delete: { TableName: tableName, Key: lease, ...ownedBy(owner) } }
        : { Update: { TableName: tableName, Key: lease, UpdateExpression: 'REMOVE pendingKeys, pendingCeremony', ...ownedBy(owner) } },
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
    await transact(doc, items, () => deadline.call()).catch((error) => {
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
    const release = () => doc.send(new DeleteCommand({ TableName: tableName, Key: lease, ...ownedBy(owner) }), deadline.call());
    const left = await acquire(ceremony, owner, arrived, deadline);
    if (left?.pendingKeys?.length) {
      // An earlier writer died between writing and counting: count what it wrote, under its ceremony.
      const theirs = (await ceremonyOf(ceremony.regionId, left.pendingCeremony)) ?? ceremony;
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

  /** Writes the signatures round by round (planRounds), each under the lease, and adds up what each accepted. */
  return async function addSignatures(ceremony: StoredCeremony, signatures: NewSignature[], at: string) {
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
  };
}
