// The one writer of a region's signatures: exact counters under concurrent, repeated and interrupted uploads
// (see "Why signatures are not written in transactions" in the README).
//
// Signatures of one region, election and pledge text have one writer at a time: a lease item. Under it the
// writer reads which employees already signed, records the new signatures themselves on the lease (its
// intent), writes them with BatchWriteItem, then in ONE transaction adds them to the counters and drops the
// intent. Whoever settles an intent (its writer after a failure, or the next writer after the lease expired)
// completes it: writes the intent's items that are missing, identical to what its writer sent, and counts them
// all. So a write of a writer that outlived its lease (sent, held by a frozen database, landing after the lease
// passed on) stores what is already stored and counted: a no-op. Every call a writer makes under the lease is
// still aborted at its deadline (support/time-budget.ts), and the counters' transaction still requires the lease.
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredCeremony, NewSignature } from '#domain/ceremony.schema';
import { retry } from '#support/retry';
import { SIGNATURE_HANDOVER_MS, SIGNATURE_LEASE_MS, SIGNATURE_LEASE_WAIT_MS, SIGNATURE_WRITE_WINDOW_MS } from '#support/time-budget';
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
  /** Largest compressed intent per round (MAX_INTENT_BYTES); a test makes it small to split rounds. */
  maxIntentBytes?: number;
}

/** One transaction (100 items) carries the counters and the lease: at most this many OPDs per round. */
export const MAX_OPDS_PER_ROUND = 90;

/** The compressed intent a round records on the lease item; an item holds 400 KB, its keys and the rest included. */
export const MAX_INTENT_BYTES = 300_000;

/** A round's signatures as its intent records them: enough to write each item again exactly as its writer did. */
export function encodeIntent(signatures: NewSignature[]): Uint8Array {
  return gzipSync(JSON.stringify(signatures.map((s) => [s.employeeKey, s.row])));
}

function decodeIntent(bytes: Uint8Array): NewSignature[] {
  const rows: [string, NewSignature['row']][] = JSON.parse(gunzipSync(bytes).toString('utf8'));
  return rows.map(([employeeKey, row], index) => ({ index, employeeKey, row }));
}

/** A round whose intent would not fit the lease item is halved until each half's does (1,000 rows of long
 *  names and positions can come near; a typical upload's intent is a tenth of the limit). */
function fitted(round: NewSignature[], maxBytes: number): NewSignature[][] {
  if (round.length === 1 || encodeIntent(round).byteLength <= maxBytes) return [round];
  const half = Math.ceil(round.length / 2);
  return [...fitted(round.slice(0, half), maxBytes), ...fitted(round.slice(half), maxBytes)];
}

/** How many of these signatures each OPD gets. */
function countPerOpd(signatures: NewSignature[]): Map<string, number> {
  const perOpd = new Map<string, number>();
  for (const s of signatures) perOpd.set(s.row.opdId, (perOpd.get(s.row.opdId) ?? 0) + 1);
  return perOpd;
}

/** What a writer left on the lease: the signatures it meant to add, when and to which ceremony. */
interface Intent {
  ceremonyId: string;
  at: string;
  signatures: NewSignature[];
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
  const maxIntentBytes = options.maxIntentBytes ?? MAX_INTENT_BYTES;

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
        // The window's last moments are kept for handing the lease over (handOver).
        deadline.leaseTaken(now, Math.max(writeWindowMs - SIGNATURE_HANDOVER_MS, writeWindowMs / 2), leaseMs);
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
        : { Update: { TableName: tableName, Key: lease, UpdateExpression: 'REMOVE pendingRows, pendingAt, pendingCeremony, pendingKeys', ...ownedBy(owner) } },
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

  /** Completes an intent: writes its items that have not reached the table (the same items its writer sent, so
   *  one of those still on its way lands as a no-op) and counts every one of them, with dropping the intent. Its
   *  employees had not signed when it was recorded, and nobody else writes them while it stands. */
  async function settleIntent(ceremony: StoredCeremony, owner: string, intent: Intent, release: boolean, deadline: WriterDeadline) {
    const written = await existing(ceremony, intent.signatures.map((s) => s.employeeKey), deadline);
    const missing = intent.signatures.filter((s) => !written.has(s.employeeKey));
    if (missing.length) await writeAll(ceremony, missing, intent.at, deadline);
    await commit(ceremony, owner, countPerOpd(intent.signatures), intent.signatures.length, release, deadline);
  }

  /** An intent of an earlier version (its keys only, no rows): counts the items that reached the table. */
  async function settleKeysOnly(ceremony: StoredCeremony, owner: string, pendingKeys: string[], deadline: WriterDeadline) {
    const written = await existing(ceremony, pendingKeys, deadline);
    const perOpd = new Map<string, number>();
    for (const opdId of written.values()) perOpd.set(opdId, (perOpd.get(opdId) ?? 0) + 1);
    await commit(ceremony, owner, perOpd, written.size, false, deadline);
  }

  /** Settles what an expired holder left on the lease, under its own ceremony. */
  async function settleLeftover(ceremony: StoredCeremony, owner: string, left: Record<string, any>, deadline: WriterDeadline) {
    if (!left.pendingCeremony) return;
    const theirs = (await ceremonyOf(ceremony.regionId, left.pendingCeremony)) ?? ceremony;
    if (left.pendingRows) {
      const intent = { ceremonyId: left.pendingCeremony, at: left.pendingAt, signatures: decodeIntent(left.pendingRows) };
      await settleIntent(theirs, owner, intent, false, deadline);
    } else if (left.pendingKeys?.length) {
      await settleKeysOnly(theirs, owner, left.pendingKeys, deadline);
    }
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
    const release = async () => doc.send(new DeleteCommand({ TableName: tableName, Key: lease, ...ownedBy(owner) }), deadline.call());
    const left = await acquire(ceremony, owner, arrived, deadline);
    let intent: Intent | undefined;
    let leftover = Boolean(left?.pendingCeremony);
    try {
      // An earlier writer lost its lease between recording its intent and counting it: complete it first.
      if (left) await settleLeftover(ceremony, owner, left, deadline);
      leftover = false;
      const signed = await existing(ceremony, signatures.map((s) => s.employeeKey), deadline);
      const fresh = signatures.filter((s) => !signed.has(s.employeeKey));
      if (fresh.length === 0) {
        await release();
        return { accepted: 0, duplicates: signatures.length };
      }
      // Recorded before any of them is sent (and REMOVEs an earlier version's key list, which it replaces).
      await doc.send(new UpdateCommand({
        TableName: tableName, Key: lease,
        UpdateExpression: 'SET pendingRows = :rows, pendingAt = :at, pendingCeremony = :ceremony REMOVE pendingKeys',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':rows': encodeIntent(fresh), ':at': at, ':ceremony': ceremony.id, ':owner': owner },
      }), deadline.call()).catch(asBusy);
      intent = { ceremonyId: ceremony.id, at, signatures: fresh };
      await writeAll(ceremony, fresh, at, deadline);
      await options.afterWrite?.();
      await commit(ceremony, owner, countPerOpd(fresh), fresh.length, true, deadline);
      return { accepted: fresh.length, duplicates: signatures.length - fresh.length };
    } catch (error) {
      // Within its time it completes its intent (or lets go of the lease) now. Past it, or when that fails too, it
      // hands the lease over with what it holds: the next writer completes that at once, not after the lease's
      // 30 s, and whatever of this writer's is still on its way changes nothing (an intent completed is complete).
      const settled = !deadline.passed && !leftover
        && (await (intent ? settleIntent(ceremony, owner, intent, true, deadline) : release()).then(() => true, () => false));
      if (!settled) await handOver(lease, owner);
      throw error;
    }
  }

  /** Marks the lease expired, intent and all, if it is still this writer's; its own short time, reserved for it. */
  async function handOver(lease: Record<string, string>, owner: string) {
    await doc.send(
      new UpdateCommand({ TableName: tableName, Key: lease, UpdateExpression: 'SET expiresAt = :gone', ...ownedBy(owner), ExpressionAttributeValues: { ':owner': owner, ':gone': 0 } }),
      { abortSignal: AbortSignal.timeout(SIGNATURE_HANDOVER_MS) },
    ).catch(() => undefined);
  }

  /** Writes the signatures round by round (planRounds), each under the lease, and adds up what each accepted. */
  return async function addSignatures(ceremony: StoredCeremony, signatures: NewSignature[], at: string) {
    const total = { accepted: 0, duplicates: 0 };
    // The request's waits and writes are timed from here, whichever round and whatever its place in the queue.
    const arrived = Date.now();
    for (const round of planRounds(signatures).flatMap((r) => fitted(r, maxIntentBytes))) {
      const queue = keys.signatureWriter(ceremony.regionId, ceremony.electionId, ceremony.kind).SK;
      const { accepted, duplicates } = await queued(`${ceremony.regionId}#${queue}`, () => writeRound(ceremony, round, at, arrived));
      total.accepted += accepted;
      total.duplicates += duplicates;
    }
    return total;
  };
}
