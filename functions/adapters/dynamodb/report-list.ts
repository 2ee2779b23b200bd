// A region's reports, newest first, a page at a time: the keys from an index (the list index of the most selective
// filter, else GSI2 for a status, else GSI1), then the reports by BatchGetItem; the small items that carry a
// report's index keys; and `report migrate`, which moves the keys of reports stored before them.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLOSED_STATUSES } from '#domain/codes';
import { InputError } from '#domain/errors';
import { sourceOf } from '#domain/recommendation';
import type { ListReportsQuery, ReportSummary, StoredReport } from '#domain/report.schema';
import { batchGetAll, transact } from './batch-io.ts';
import { encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';
import { GSI1, GSI2, LIST_INDEXES, type IndexDesign } from './table-design.ts';

const SUMMARY_FIELDS = ['id', 'receiptCode', 'electionId', 'incidentDate', 'stage', 'category', 'status', 'employee', 'overdueAt', 'createdAt', 'updatedAt'] as const;
/** A page that filters most reports out stops after this many Query pages and answers a cursor to go on. */
const MAX_PAGES_PER_REQUEST = 10;
/** `report migrate` walks a region's reports this many at a time, at most this many pages (a million reports). */
const MIGRATION_PAGE = 100;
const MIGRATION_MAX_PAGES = 10_000;
/** A report that changes while its keys are moved is read again and tried again, this many times. */
const MIGRATION_ATTEMPTS = 5;

type Item = Record<string, any>;
type ReportListKeys = Pick<StoredReport, 'regionId' | 'category' | 'stage' | 'source'>;

/** A report's keys in the Category, Stage and Source indexes: category, stage and source never change. */
export function listKeys(report: ReportListKeys): Record<string, string> {
  return {
    [LIST_INDEXES.category.partitionKey]: keys.reportsByCategory(report.regionId, report.category),
    [LIST_INDEXES.stage.partitionKey]: keys.reportsByStage(report.regionId, report.stage),
    [LIST_INDEXES.source.partitionKey]: keys.reportsBySource(report.regionId, sourceOf(report).kind),
  };
}

/** The report's list item (keys.reportLists): its keys in GSI1 (the region's reports in creation order) and in the
 *  Category, Stage and Source indexes, and its election, written with the report and never again. Nothing in it
 *  changes, so it can be written again as it is (the migration does). */
export function listItem(report: ReportListKeys & Pick<StoredReport, 'id' | 'createdAt' | 'electionId' | 'nationalBody'>) {
  return {
    ...keys.reportLists(report.regionId, report.id), ...listKeys(report),
    GSI1PK: keys.reportsOfRegion(report.regionId), GSI1SK: keys.reportOrder(report.createdAt, report.id), electionId: report.electionId,
    // A national body's recommendation is also in its body's list (GSI2, unused by list items), so that list never
    // reads a region's reports; the key never changes, like the item's others.
    ...(report.nationalBody
      ? { GSI2PK: keys.nationalRecommendations(report.nationalBody), GSI2SK: `${report.createdAt}#${report.regionId}#${report.id}`, regionId: report.regionId }
      : {}),
  };
}

/** The report's entry in its employee's index (keys.reportPerson): in GSI1 under the employee's NIP; null for an
 *  employee without one (NON_ASN staff may have none). Written once with the report; its key never changes. */
export function personItem(report: Pick<StoredReport, 'regionId' | 'id' | 'createdAt' | 'employee'>) {
  if (!report.employee.nip) return null;
  return {
    ...keys.reportPerson(report.regionId, report.id),
    GSI1PK: keys.reportsOfPerson(report.regionId, report.employee.nip), GSI1SK: keys.reportOrder(report.createdAt, report.id),
  };
}

/** The report's status item (keys.reportStatus): its key in GSI2, written with the report and again, whole, by each
 *  transition that moves the status, in that transition's transaction. */
export function statusItem(report: Pick<StoredReport, 'regionId' | 'id' | 'createdAt' | 'electionId' | 'status'>) {
  return {
    ...keys.reportStatus(report.regionId, report.id),
    GSI2PK: keys.reportsByStatus(report.regionId, report.status), GSI2SK: keys.reportOrder(report.createdAt, report.id), electionId: report.electionId,
  };
}

/** The report's overdue mark (keys.reportOverdue): in GSI2 by when it became overdue, for the daily digest; written
 *  once, by the transition that marks it overdue (overdueAt is set once). */
export function overdueItem(report: Pick<StoredReport, 'regionId' | 'id'>, overdueAt: string) {
  return { ...keys.reportOverdue(report.regionId, report.id), GSI2PK: keys.reportsOverdueSince(report.regionId), GSI2SK: `${overdueAt}#${report.id}` };
}

/** The index-key attributes a report item of an earlier version carries (GSI1SK stays: the Overdue index sorts by it). */
export const MOVED_KEY_ATTRIBUTES = ['GSI1PK', 'GSI2PK', 'GSI2SK'] as const;

/** The overdue index's key attribute, on the report item: present only while the report is overdue and open. */
export const OVERDUE_KEY = LIST_INDEXES.overdue.partitionKey;

/** The list-key attributes: internal, never answered. */
export const LIST_KEY_ATTRIBUTES = Object.values(LIST_INDEXES).map((index) => index.partitionKey);

const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', ...LIST_KEY_ATTRIBUTES, 'entryId', 'version', 'requestHash', 'seq', 'timelineLength', 'roundsOf', 'rounds']);
/** A report or timeline item without the table's own attributes (keys, versions, counts): what the ports answer. */
export function strip<T>(item: Record<string, any>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as T;
}

/** The table sort keys of the items each index holds for a report (a cursor names one of them). GSI1 and GSI2 also
 *  hold the report items of earlier versions, which carried their keys themselves, until `report migrate` moves them. */
const SK = (key: (regionId: string, id: string) => { SK: string }) => key('', '').SK;
const ITEMS_OF_INDEX = new Map<IndexDesign, readonly string[]>([
  [LIST_INDEXES.category, [SK(keys.reportLists)]],
  [LIST_INDEXES.stage, [SK(keys.reportLists)]],
  [LIST_INDEXES.source, [SK(keys.reportLists)]],
  [LIST_INDEXES.overdue, [SK(keys.report)]],
  [GSI1, [SK(keys.reportLists), SK(keys.report)]],
  [GSI2, [SK(keys.reportStatus), SK(keys.report)]],
]);
/** The unchanging filters an index's items carry, tested in the index: a list index's projection; every item GSI1
 *  and GSI2 hold for a report (list item, status item, an earlier version's report item) has its election. */
const carriedBy = (index: IndexDesign): readonly string[] =>
  (index === GSI1 || index === GSI2 ? ['electionId'] : typeof index.projection === 'string' ? [] : index.projection);

const isOverdue = (item: Item) => item.overdueAt !== undefined && !CLOSED_STATUSES.includes(item.status);

const invalidCursor = () => new InputError([{ path: 'cursor', message: 'cursor tidak valid / invalid cursor' }]);

/** The start key a cursor names, or 400 `cursor`: it must be exactly the key of one of the caller's own reports
 *  in this list (the table key of one of its items in this index and the index's key, in this partition), so no
 *  forged key ever reaches DynamoDB. */
function decodeReportCursor(cursor: string, index: IndexDesign, partition: string, regionId: string): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidCursor();
  const entries = Object.entries(key);
  const allowed = new Set(['PK', 'SK', index.partitionKey, index.sortKey]);
  if (entries.length !== 4 || entries.some(([k, v]) => !allowed.has(k) || typeof v !== 'string' || v === '' || v.length > 300)) throw invalidCursor();
  const start = key as Record<string, string>;
  // A cursor only ever continues the caller's own region's list, at one of its reports.
  const order = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)#([0-9A-Z]{1,40})$/.exec(start[index.sortKey]!);
  if (start[index.partitionKey] !== partition || !order || start.PK !== keys.reportPartition(regionId, order[2]!) || !ITEMS_OF_INDEX.get(index)!.includes(start.SK!)) {
    throw invalidCursor();
  }
  return start;
}

const summary = (item: Item) => Object.fromEntries(SUMMARY_FIELDS.filter((field) => field in item).map((field) => [field, item[field]])) as ReportSummary;
const keyOf = (item: Item, index: { partitionKey: string; sortKey: string }) =>
  ({ PK: item.PK, SK: item.SK, [index.partitionKey]: item[index.partitionKey], [index.sortKey]: item[index.sortKey] });

/** The reports of index rows (any items of the reports' partitions), each once, in the rows' order: one eventually
 *  consistent BatchGetItem, like the index itself (half the read units of a strong read); a report such a read
 *  missed (a replica behind) is read again, strongly. `attributes`: only these (every one when absent). */
export async function reportsOfRows(doc: DynamoDBDocumentClient, tableName: string, rows: Item[], attributes?: readonly string[]): Promise<Item[]> {
  const partitions = [...new Set(rows.map((row) => row.PK as string))];
  const read = (some: string[], consistent: boolean) =>
    batchGetAll(doc, tableName, some.map(keys.reportIn), { ...(attributes ? { attributes: [...attributes, 'PK'] } : {}), consistent });
  const byPartition = new Map((await read(partitions, false)).map((item) => [item.PK as string, item]));
  const missed = partitions.filter((partition) => !byPartition.has(partition));
  if (missed.length) for (const item of await read(missed, true)) byPartition.set(item.PK, item);
  return partitions.flatMap((partition) => byPartition.get(partition) ?? []);
}

type Plan = { index: IndexDesign; partition: string };

/** The index a query reads: the list index of its most selective filter, by how values spread over reports
 *  (overdue and recommendations are few, a category about a tenth, a status or a stage more, INTERNAL most),
 *  else the status index, else the region's. The other filters are tested on the way (see listReports). */
function planOf(regionId: string, q: ListReportsQuery, available: ReadonlySet<string>): Plan {
  const candidates: [boolean, IndexDesign, () => string][] = [
    [q.overdue === 'true', LIST_INDEXES.overdue, () => keys.overdueReports(regionId)],
    [q.source !== undefined && q.source !== 'INTERNAL', LIST_INDEXES.source, () => keys.reportsBySource(regionId, q.source!)],
    [q.category !== undefined, LIST_INDEXES.category, () => keys.reportsByCategory(regionId, q.category!)],
    [q.status !== undefined, GSI2, () => keys.reportsByStatus(regionId, q.status!)],
    [q.stage !== undefined, LIST_INDEXES.stage, () => keys.reportsByStage(regionId, q.stage!)],
    [q.source === 'INTERNAL', LIST_INDEXES.source, () => keys.reportsBySource(regionId, 'INTERNAL')],
  ];
  // A list index the table does not have yet is passed over (its filter is then tested on the reports read).
  const chosen = candidates.find(([wanted, index]) => wanted && (index === GSI2 || available.has(index.indexName)));
  return chosen ? { index: chosen[1], partition: chosen[2]() } : { index: GSI1, partition: keys.reportsOfRegion(regionId) };
}

/** Equality filters as a filter expression: `attribute = value` for each, undefined values left out. */
function equalities(filters: Record<string, string | undefined>) {
  const entries = Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return {
    clauses: entries.map((_, i) => `#f${i} = :f${i}`),
    names: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value])),
  };
}

/** One page of the region's reports, `available`: the list indexes the table has. A Query of the plan's index for
 *  as many keys as the page still needs, the filters that never change tested in the index where it carries them,
 *  then the reports themselves by BatchGetItem, where every filter is tested again: status and overdue change, so
 *  no index item carries them, and an index lags its table by a moment (a report closed just now may still be in
 *  the overdue index). At most 10 Query pages a request; a page that stops short answers a cursor to go on. */
export async function listReports(doc: DynamoDBDocumentClient, tableName: string, regionId: string, q: ListReportsQuery, available: ReadonlySet<string>) {
  const { index, partition } = planOf(regionId, q, available);
  let start: Record<string, unknown> | undefined = q.cursor ? decodeReportCursor(q.cursor, index, partition, regionId) : undefined;
  // Each report once: an earlier version's report item and the list or status item `report migrate` moved its key
  // to can both be in the index for a moment (an index lags its table), one of them on the page before.
  const listed = new Set<string>(start ? [start.PK as string] : []);
  const unchanging: Record<string, string | undefined> = {
    [LIST_INDEXES.category.partitionKey]: q.category && keys.reportsByCategory(regionId, q.category),
    [LIST_INDEXES.stage.partitionKey]: q.stage && keys.reportsByStage(regionId, q.stage),
    [LIST_INDEXES.source.partitionKey]: q.source && keys.reportsBySource(regionId, q.source),
    electionId: q.electionId,
  };
  const carried = new Set(carriedBy(index));
  const inIndex = equalities(Object.fromEntries(Object.entries(unchanging).filter(([name]) => carried.has(name))));
  const matches = (item: Item) =>
    (q.category === undefined || item.category === q.category) &&
    (q.stage === undefined || item.stage === q.stage) &&
    (q.electionId === undefined || item.electionId === q.electionId) &&
    (q.source === undefined || sourceOf(item).kind === q.source) &&
    (q.status === undefined || item.status === q.status) &&
    (q.overdue === undefined || isOverdue(item) === (q.overdue === 'true'));

  const items: Item[] = [];
  let last: Record<string, unknown> | undefined;
  for (let pages = 0; pages < MAX_PAGES_PER_REQUEST && items.length < q.limit; pages++) {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ScanIndexForward: false,
        Limit: q.limit - items.length,
        ExclusiveStartKey: start,
        ...(inIndex.clauses.length ? { FilterExpression: inIndex.clauses.join(' AND ') } : {}),
        ProjectionExpression: 'PK, SK, #pk, #sk',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, ...inIndex.names },
        ExpressionAttributeValues: { ':pk': partition, ...inIndex.values },
      }),
    );
    const rows = (page.Items ?? []).filter((row) => {
      if (listed.has(row.PK)) return false;
      listed.add(row.PK);
      return true;
    });
    if (rows.length) {
      // The reports' summaries, and of their source only its kind (a recommendation's number is not a summary's).
      const byPartition = new Map((await reportsOfRows(doc, tableName, rows, [...SUMMARY_FIELDS, 'source.kind'])).map((item) => [item.PK as string, item]));
      for (const row of rows) {
        const item = byPartition.get(row.PK);
        if (item && matches(item)) {
          items.push(item);
          last = keyOf(row, index);
        }
      }
    }
    start = page.LastEvaluatedKey;
    if (!start) break;
  }
  // A full page goes on after its last report; a short one where the last Query stopped, if it did.
  const next = items.length >= q.limit ? last : start;
  return { items: items.map(summary), nextCursor: next ? encodeCursor(next) : null };
}

/** Moves the index keys of a report item of an earlier version (MOVED_KEY_ATTRIBUTES, on the report itself) to its
 *  list and status items, and gives it what later versions added (its list keys, its overdue key while it is overdue
 *  and open, its overdue mark): one transaction, only while its status is the one read and its keys are still on
 *  it. A transition in between makes it read the report again; a migration that did it first leaves nothing to do.
 *  Answers whether it moved them. */
async function moveKeys(doc: DynamoDBDocumentClient, tableName: string, read: Item): Promise<boolean> {
  let item: Item | undefined = read;
  for (let attempt = 1; item && attempt <= MIGRATION_ATTEMPTS; attempt++) {
    if (MOVED_KEY_ATTRIBUTES.every((name) => item![name] === undefined)) return false;
    const report = item as StoredReport;
    const overdue = isOverdue(item) && item[OVERDUE_KEY] === undefined;
    try {
      await transact(doc, [
        {
          Update: {
            TableName: tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: `REMOVE ${MOVED_KEY_ATTRIBUTES.join(', ')}${overdue ? ` SET ${OVERDUE_KEY} = :overdue` : ''}`,
            ConditionExpression: `#status = :status AND (${MOVED_KEY_ATTRIBUTES.map((name) => `attribute_exists(${name})`).join(' OR ')})`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': item.status, ...(overdue ? { ':overdue': keys.overdueReports(item.regionId) } : {}) },
          },
        },
        // Each of these is the same whoever writes it, so writing one twice (two migrations at once) is harmless.
        { Put: { TableName: tableName, Item: listItem(report) } },
        { Put: { TableName: tableName, Item: statusItem(report) } },
        ...(report.overdueAt ? [{ Put: { TableName: tableName, Item: overdueItem(report, report.overdueAt) } }] : []),
      ]);
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || error.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
      ({ Item: item } = await doc.send(new GetCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true })));
    }
  }
  if (item) throw new Error(`report ${item.id}: it kept changing while its index keys were moved; run the migration again`);
  return false;
}

/** Moves the index keys of every report of the region stored by an earlier version (see moveKeys); answers how many
 *  reports the region's index holds and how many had their keys moved. */
export async function migrateListKeys(doc: DynamoDBDocumentClient, tableName: string, regionId: string): Promise<{ reports: number; added: number }> {
  let start: Record<string, unknown> | undefined;
  let reports = 0;
  let added = 0;
  for (let page = 0; page < MIGRATION_MAX_PAGES; page++) {
    const result = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.reportsOfRegion(regionId) },
        Limit: MIGRATION_PAGE,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of result.Items ?? []) {
      reports++;
      // A report item in GSI1 is an earlier version's; a list item's report has its keys where they belong.
      if (item.SK === SK(keys.report) && (await moveKeys(doc, tableName, item))) added++;
    }
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  return { reports, added };
}
