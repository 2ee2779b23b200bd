// DynamoDB's many-item calls made whole: BatchGetItem and BatchWriteItem in chunks of the API's size, a bounded
// number in flight, what a call leaves unprocessed (throttled) sent again; transactions tried again on contention.
import { BatchGetCommand, BatchWriteCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '#domain/errors';
import { isContention } from '#support/faults';
import { retry } from '#support/retry';
import { CONTENTION_BUDGET_MS } from '#support/time-budget';

/** The options of each call (an abort signal at the caller's deadline); it may throw to stop before a call. */
export type CallOptions = () => { abortSignal?: AbortSignal } | undefined;

const IN_FLIGHT = 16;
/** Unprocessed batch items and contended transactions: tried this often within CONTENTION_BUDGET_MS. */
const CONTENTION_RETRY = { attempts: 8, baseDelayMs: 10, maxDelayMs: 500, budgetMs: CONTENTION_BUDGET_MS } as const;

/** Some items of a batch call stayed unprocessed (throttled) through every retry: 503, retry later. */
export class UnprocessedItems extends UnavailableError {
  constructor() {
    super("netra's database is busy right now");
  }
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Repeats a batch call while it leaves items unprocessed (it returns how many); UnprocessedItems when they stay so. */
async function untilProcessed(send: () => Promise<number>) {
  await retry(
    async () => {
      if (await send()) throw new UnprocessedItems();
    },
    { ...CONTENTION_RETRY, retryable: (error) => error instanceof UnprocessedItems },
  );
}

export interface BatchGetOptions {
  /** Only these attributes (top-level names or paths such as `source.kind`); every attribute when absent. */
  attributes?: readonly string[];
  /** Strongly consistent reads (the default), or eventually consistent ones at half the read units. */
  consistent?: boolean;
  call?: CallOptions;
}

/** The items among `keys` that exist, 100 keys a call, in no particular order. */
export async function batchGetAll(doc: DynamoDBDocumentClient, tableName: string, keys: Record<string, string>[], options: BatchGetOptions = {}) {
  const { attributes, consistent = true, call = () => undefined } = options;
  // Names go through placeholders: several report attributes (`status`, `source`) are reserved words.
  const paths = attributes?.map((path) => path.split('.'));
  const names = paths ? Object.fromEntries([...new Set(paths.flat())].map((name, i) => [name, `#a${i}`])) : {};
  const projection = paths
    ? { ProjectionExpression: paths.map((parts) => parts.map((part) => names[part]).join('.')).join(', '), ExpressionAttributeNames: Object.fromEntries(Object.entries(names).map(([name, alias]) => [alias, name])) }
    : {};
  const found: Record<string, any>[] = [];
  await inParallel(chunked(keys, 100), IN_FLIGHT, async (chunk) => {
    let pending = chunk;
    await untilProcessed(async () => {
      const { Responses, UnprocessedKeys } = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ...projection, ConsistentRead: consistent } } }),
        call(),
      );
      found.push(...(Responses?.[tableName] ?? []));
      pending = (UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof pending;
      return pending.length;
    });
  });
  return found;
}

/** Puts every item, 25 a call; `beforeChunk` runs before each chunk's first call (a test hook). */
export async function batchPutAll(
  doc: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[], options: CallOptions, beforeChunk?: (chunk: number) => Promise<void> | void,
) {
  await batchWriteAll(doc, tableName, items.map((Item) => ({ PutRequest: { Item } })), options, beforeChunk);
}

/** Deletes every item of `keys`, 25 a call (one already gone is a no-op). */
export async function batchDeleteAll(doc: DynamoDBDocumentClient, tableName: string, keys: Record<string, unknown>[], options: CallOptions = () => undefined) {
  await batchWriteAll(doc, tableName, keys.map((Key) => ({ DeleteRequest: { Key } })), options);
}

async function batchWriteAll(
  doc: DynamoDBDocumentClient, tableName: string, requests: Record<string, unknown>[], options: CallOptions, beforeChunk?: (chunk: number) => Promise<void> | void,
) {
  let started = 0;
  await inParallel(chunked(requests, 25), IN_FLIGHT, async (chunk) => {
    await beforeChunk?.(started++);
    let pending = chunk;
    await untilProcessed(async () => {
      const { UnprocessedItems: left } = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }), options());
      pending = (left?.[tableName] ?? []) as typeof pending;
      return pending.length;
    });
  });
}

/** A transaction, tried again when it met another one on a counter or was throttled (nothing was applied then). */
export async function transact(doc: DynamoDBDocumentClient, items: any[], options?: CallOptions) {
  await retry(() => doc.send(new TransactWriteCommand({ TransactItems: items }), options?.()), {
    ...CONTENTION_RETRY,
    retryable: isContention,
  });
}
