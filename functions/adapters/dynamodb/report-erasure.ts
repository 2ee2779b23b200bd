// A closed report's personal data erased in DynamoDB (the retention purge): the report item, each timeline entry
// (values and salts out, their commitments kept, so the chain's hashes do not move), the sealed reporter and the
// employee's index item, with the PERSONAL_DATA_ERASED entry chained on, in one transaction when it fits.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { erasedReport } from '#domain/personal-data';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';
import { canonicalJson, chainEntries, erasedEntry, resaltChain } from '#domain/timeline-chain';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { inChainOrder, timelineItem } from './report-items.ts';

/** A transaction holds at most 100 items: the report, the new entry and two deletes leave room for this many
 *  changed entries; a longer timeline's other entries go in transactions of their own first. */
const ENTRIES_PER_TRANSACTION = 90;
const ENTRY_KEYS = new Set(['PK', 'SK', 'seq']);

/** Salts a chain stored before salting (its entries with personal values get a salt, every hash from there on
 *  moves, each changed entry keeping its former hash), conditional on the report's head being as read: `report
 *  migrate`, so the purge can later erase values without breaking the chain. False when there was nothing to do. */
export async function saltChain(doc: DynamoDBDocumentClient, tableName: string, regionId: string, id: string, at: string): Promise<boolean> {
  const items = await queryAll(doc, tableName, keys.reportPartition(regionId, id), { consistent: true });
  const reportItem = items.find((item) => item.SK === 'REPORT');
  if (!reportItem?.timelineHash || reportItem.personalDataErasedAt) return false;
  const stored = inChainOrder(items);
  const resalted = resaltChain(id, stored.map(withoutKeys));
  if (!resalted) return false;
  const whileUnchanged = { TableName: tableName, Key: keys.report(regionId, id), ConditionExpression: 'timelineHash = :prev', ExpressionAttributeValues: { ':prev': reportItem.timelineHash } };
  const puts = stored.map((item, seq) => ({ Put: { TableName: tableName, Item: { PK: item.PK, SK: item.SK, seq, ...resalted.entries[seq] }, ConditionExpression: 'attribute_exists(PK)' } }));
  const head = {
    Update: { ...whileUnchanged, UpdateExpression: 'SET timelineHash = :hash, timelineSaltedAt = :at', ExpressionAttributeValues: { ...whileUnchanged.ExpressionAttributeValues, ':hash': resalted.timelineHash, ':at': at } },
  };
  try {
    await inTransactions(doc, whileUnchanged, puts, [head]);
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

const withoutKeys = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([name]) => !ENTRY_KEYS.has(name)));

/** `changed` entry writes and the `last` items: the entries beyond what one transaction holds go first, each
 *  transaction holding only while the report is as read; the last carries the rest with `last`. */
async function inTransactions(doc: DynamoDBDocumentClient, whileUnchanged: Record<string, unknown>, changed: unknown[], last: unknown[]): Promise<void> {
  // Bounded: a timeline of n entries takes ceil(n / 90) transactions.
  for (let start = 0; start + ENTRIES_PER_TRANSACTION < changed.length; start += ENTRIES_PER_TRANSACTION) {
    await doc.send(new TransactWriteCommand({ TransactItems: [{ ConditionCheck: whileUnchanged }, ...changed.slice(start, start + ENTRIES_PER_TRANSACTION)] as never }));
  }
  const rest = changed.slice(Math.floor(Math.max(changed.length - 1, 0) / ENTRIES_PER_TRANSACTION) * ENTRIES_PER_TRANSACTION);
  await doc.send(new TransactWriteCommand({ TransactItems: [...last, ...rest] as never }));
}

export async function erasePersonalData(
  doc: DynamoDBDocumentClient, tableName: string, regionId: string, id: string, erasure: { at: string; nipHash?: string | undefined; entry: TimelineEntry },
  /** Computes the chain of a report stored before chains existed (report-chain.ts), before it is erased. */
  chainFirst?: () => Promise<unknown>,
): Promise<boolean> {
  const read = () => queryAll(doc, tableName, keys.reportPartition(regionId, id), { consistent: true });
  let items = await read();
  let reportItem = items.find((item) => item.SK === 'REPORT');
  if (reportItem && !reportItem.timelineHash && !reportItem.personalDataErasedAt && chainFirst) {
    await chainFirst();
    items = await read();
    reportItem = items.find((item) => item.SK === 'REPORT');
  }
  if (!reportItem || reportItem.personalDataErasedAt || !reportItem.timelineHash) return false;
  const stored = inChainOrder(items);
  const entries = stored.map(withoutKeys);
  // A chain stored before salting is salted and hashed again first (its entries keep their former hashes).
  const resalted = resaltChain(id, entries);
  const chain = resalted?.entries ?? entries;
  const head = resalted?.timelineHash ?? (reportItem.timelineHash as string);
  const [appended] = chainEntries(head, [erasure.entry]);
  const changed = stored.flatMap((item, seq) => {
    const next = erasedEntry(chain[seq]!);
    return canonicalJson(next) === canonicalJson(entries[seq]) ? [] : [{ Put: { TableName: tableName, Item: { PK: item.PK, SK: item.SK, seq, ...next }, ConditionExpression: 'attribute_exists(PK)' } }];
  });
  const unchanged = { ':prev': reportItem.timelineHash };
  const whileUnchanged = { TableName: tableName, Key: keys.report(regionId, id), ConditionExpression: 'timelineHash = :prev AND attribute_not_exists(personalDataErasedAt)', ExpressionAttributeValues: unchanged };
  const report = {
    ...erasedReport(reportItem as StoredReport, erasure),
    timelineHash: appended!.hash, timelineLength: stored.length + 1, updatedAt: erasure.at,
  };
  const last = [
    { Put: { TableName: tableName, Item: report, ConditionExpression: whileUnchanged.ConditionExpression, ExpressionAttributeValues: unchanged } },
    timelineItem(regionId, id, appended!, stored.length, tableName),
    { Delete: { TableName: tableName, Key: keys.reporterSeal(regionId, id) } },
    { Delete: { TableName: tableName, Key: keys.reportPerson(regionId, id) } },
  ];
  try {
    await inTransactions(doc, whileUnchanged, changed, last);
    return true;
  } catch (error) {
    // Erased meanwhile, or an entry appended: nothing of this transaction was written; the next run tries again.
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
