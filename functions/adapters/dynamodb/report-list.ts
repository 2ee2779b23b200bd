// A region's reports, newest first, a page at a time: through the list index of the most selective filter (its keys,
// then the reports by BatchGetItem), or GSI1/GSI2 with filter expressions; and the list items older reports lack.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLOSED_STATUSES } from '#domain/codes';
import { InputError } from '#domain/errors';
import { sourceOf } from '#domain/recommendation';
import type { ListReportsQuery, ReportSummary, StoredReport } from '#domain/report.schema';
import { batchGetAll, batchPutAll } from './batch-io.ts';
import { encodeCursor } from './cursor.ts';
import { queryUpTo } from './paged-query.ts';
import { keys } from './keys.ts';
import { GSI1, GSI2, LIST_INDEXES, type IndexDesign } from './table-design.ts';

const SUMMARY_FIELDS = ['id', 'receiptCode', 'electionId', 'incidentDate', 'stage', 'category', 'status', 'employee', 'overdueAt', 'createdAt', 'updatedAt'] as const;
/** A page that filters most reports out stops after this many Query pages and answers a cursor to go on. */
const MAX_PAGES_PER_REQUEST = 10;
/** `report migrate` walks a region's reports this many at a time, at most this many pages (a million reports). */
const MIGRATION_PAGE = 100;
const MIGRATION_MAX_PAGES = 10_000;
/** A report that changes while its list keys are added is read again and tried again, this many times. */
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

/** The report's list item (keys.reportLists): its list keys, its order and its election, written with the report
 *  and never again. Nothing in it changes, so it can be written again as it is (the migration does). */
export function listItem(report: ReportListKeys & Pick<StoredReport, 'id' | 'createdAt' | 'electionId'>) {
  return { ...keys.reportLists(report.regionId, report.id), ...listKeys(report), GSI1SK: keys.reportOrder(report.createdAt, report.id), electionId: report.electionId };
}

/** The overdue index's key attribute, on the report item: present only while the report is overdue and open. */
export const OVERDUE_KEY = LIST_INDEXES.overdue.partitionKey;

/** The list-key attributes: internal, never answered. */
export const LIST_KEY_ATTRIBUTES = Object.values(LIST_INDEXES).map((index) => index.partitionKey);

/** The items of the Category, Stage and Source indexes are list items; the other indexes hold report items. */
const LIST_ITEM_INDEXES = new Set<IndexDesign>([LIST_INDEXES.category, LIST_INDEXES.stage, LIST_INDEXES.source]);
/** The table key of a report's item in `index`. */
const itemKey = (index: IndexDesign, regionId: string, id: string) => (LIST_ITEM_INDEXES.has(index) ? keys.reportLists(regionId, id) : keys.report(regionId, id));
/** The report id of a report partition's key (`REGION#<r>#REPORT#<id>`). */
const idOf = (partition: string) => partition.slice(partition.lastIndexOf('#') + 1);

const isOverdue = (item: Item) => item.overdueAt !== undefined && !CLOSED_STATUSES.includes(item.status);

const invalidCursor = () => new InputError([{ path: 'cursor', message: 'cursor tidak valid / invalid cursor' }]);

/** The start key a cursor names, or 400 `cursor`: it must be exactly the key of one of the caller's own reports
 *  in this list (the table key of its item in this index and the index's key, in this partition), so no forged
 *  key ever reaches DynamoDB. */
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
  if (start[index.partitionKey] !== partition || !order || start.PK !== keys.reportPartition(regionId, order[2]!) || start.SK !== itemKey(index, regionId, order[2]!).SK) {
    throw invalidCursor();
  }
  return start;
}

const summary = (item: Item) => Object.fromEntries(SUMMARY_FIELDS.filter((field) => field in item).map((field) => [field, item[field]])) as ReportSummary;
const keyOf = (item: Item, index: { partitionKey: string; sortKey: string }) =>
  ({ PK: item.PK, SK: item.SK, [index.partitionKey]: item[index.partitionKey], [index.sortKey]: item[index.sortKey] });

type Plan = { kind: 'list' | 'table'; index: IndexDesign; partition: string };

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
  // A list index the table does not have yet is passed over (its filter is then a filter expression).
  const chosen = candidates.find(([wanted, index]) => wanted && (index === GSI2 || available.has(index.indexName)));
  if (!chosen) return { kind: 'table', index: GSI1, partition: keys.reportsOfRegion(regionId) };
  return { kind: chosen[1] === GSI2 ? 'table' : 'list', index: chosen[1], partition: chosen[2]() };
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

/** Through a list index: a Query for as many keys as the page still needs, the filters that never change tested
 *  in the index where it carries them, then the reports themselves by BatchGetItem, where every filter is tested
 *  again: status and overdue change, so no list index carries them, and an index lags its table by a moment (a
 *  report closed just now may still be in the overdue index). */
async function listThroughIndex(doc: DynamoDBDocumentClient, tableName: string, regionId: string, q: ListReportsQuery, index: IndexDesign, partition: string) {
  let start: Record<string, unknown> | undefined = q.cursor ? decodeReportCursor(q.cursor, index, partition, regionId) : undefined;
  const unchanging: Record<string, string | undefined> = {
    [LIST_INDEXES.category.partitionKey]: q.category && keys.reportsByCategory(regionId, q.category),
    [LIST_INDEXES.stage.partitionKey]: q.stage && keys.reportsByStage(regionId, q.stage),
    [LIST_INDEXES.source.partitionKey]: q.source && keys.reportsBySource(regionId, q.source),
    electionId: q.electionId,
  };
  const carried = new Set(typeof index.projection === 'string' ? [] : index.projection);
  const inIndex = equalities(Object.fromEntries(Object.entries(unchanging).filter(([name]) => carried.has(name))));
  const matches = (item: Item) =>
    (q.category === undefined || item.category === q.category) &&
    (q.stage === undefined || item.stage === q.stage) &&
    (q.electionId === undefined || item.electionId === q.electionId) &&
    (q.source === undefined || sourceOf(item).kind === q.source) &&
    (q.status === undefined || item.status === q.status) &&
    (q.overdue === undefined || isOverdue(item) === (q.overdue === 'true'));
  // The reports' summaries, and of their source only its kind (a recommendation's number is not a summary's).
  const read = (rows: Item[], consistent: boolean) =>
    batchGetAll(doc, tableName, rows.map((row) => keys.report(regionId, idOf(row.PK))), { attributes: [...SUMMARY_FIELDS, 'PK', 'source.kind'], consistent });

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
    const rows = page.Items ?? [];
    if (rows.length) {
      // Eventually consistent, like the index itself: half the read units of a strong read. A report the index
      // has is in the table; one such a read missed (a replica behind) is read again, strongly.
      const byKey = new Map((await read(rows, false)).map((item) => [item.PK as string, item]));
      const missed = rows.filter((row) => !byKey.has(row.PK));
      if (missed.length) for (const item of await read(missed, true)) byKey.set(item.PK, item);
      for (const row of rows) {
        const item = byKey.get(row.PK);
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

/** Through GSI1 (the region's reports) or GSI2 (one status), every attribute there: filters as filter expressions
 *  on the report's own attributes, which reports stored before the list keys also have. */
async function listThroughTable(doc: DynamoDBDocumentClient, tableName: string, regionId: string, q: ListReportsQuery, index: IndexDesign, partition: string) {
  let start: Record<string, unknown> | undefined = q.cursor ? decodeReportCursor(q.cursor, index, partition, regionId) : undefined;
  const plain = equalities({ category: q.category, stage: q.stage, electionId: q.electionId });
  const filters = [...plain.clauses];
  const names: Record<string, string> = { ...plain.names };
  const values: Record<string, unknown> = { ':pk': partition, ...plain.values };
  if (q.source !== undefined) {
    // Reports stored before sources existed have none: they are INTERNAL.
    filters.push(q.source === 'INTERNAL' ? '(attribute_not_exists(#source) OR #source.#kind = :source)' : '#source.#kind = :source');
    names['#source'] = 'source';
    names['#kind'] = 'kind';
    values[':source'] = q.source;
  }
  if (q.overdue !== undefined) {
    // Overdue means open and past its last escalation, as the `overdue` counter counts it.
    names['#f_status'] = 'status';
    const closed = CLOSED_STATUSES.map((_, i) => `:closed${i}`);
    CLOSED_STATUSES.forEach((status, i) => (values[`:closed${i}`] = status));
    filters.push(q.overdue === 'true'
      ? `attribute_exists(overdueAt) AND NOT #f_status IN (${closed.join(', ')})`
      : `(attribute_not_exists(overdueAt) OR #f_status IN (${closed.join(', ')}))`);
  }
  const projection = [...SUMMARY_FIELDS, 'PK', 'SK', index.partitionKey, index.sortKey];
  projection.forEach((field) => (names[`#p_${field}`] = field));

  const found = await queryUpTo(doc, {
    TableName: tableName,
    IndexName: index.indexName,
    KeyConditionExpression: `${index.partitionKey} = :pk`,
    ScanIndexForward: false,
    ProjectionExpression: projection.map((field) => `#p_${field}`).join(', '),
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }, q.limit, start);
  const items = found.items as Item[];
  start = found.start;
  const last = items.at(-1);
  const next = items.length >= q.limit && last ? keyOf(last, index) : start;
  return { items: items.map(summary), nextCursor: next ? encodeCursor(next) : null };
}

/** One page of the region's reports; `available`: the list indexes the table has. */
export async function listReports(doc: DynamoDBDocumentClient, tableName: string, regionId: string, q: ListReportsQuery, available: ReadonlySet<string>) {
  const plan = planOf(regionId, q, available);
  return plan.kind === 'list'
    ? listThroughIndex(doc, tableName, regionId, q, plan.index, plan.partition)
    : listThroughTable(doc, tableName, regionId, q, plan.index, plan.partition);
}

/** Gives an overdue, open report stored before the overdue index its overdue key, only while its status and
 *  overdue mark are still the ones read: a transition in between makes it read the report again. */
async function addOverdueKey(doc: DynamoDBDocumentClient, tableName: string, read: Item): Promise<boolean> {
  let item: Item | undefined = read;
  for (let attempt = 1; item && attempt <= MIGRATION_ATTEMPTS; attempt++) {
    if (!isOverdue(item) || item[OVERDUE_KEY] !== undefined) return false;
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: item.PK, SK: item.SK },
          UpdateExpression: `SET ${OVERDUE_KEY} = :overdue`,
          ConditionExpression: '#status = :status AND attribute_exists(overdueAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':overdue': keys.overdueReports(item.regionId), ':status': item.status },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      ({ Item: item } = await doc.send(new GetCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true })));
    }
  }
  if (item) throw new Error(`report ${item.id}: it kept changing while its overdue key was added; run the migration again`);
  return false;
}

/** Gives every report of the region stored before the list indexes its list item, and its overdue key if it is
 *  overdue and open; answers how many reports there are and how many got either. */
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
    const items = result.Items ?? [];
    reports += items.length;
    const listed = new Set((await batchGetAll(doc, tableName, items.map((item) => keys.reportLists(regionId, item.id)), { attributes: ['PK'] })).map((found) => found.PK));
    const unlisted = items.filter((item) => !listed.has(item.PK));
    // Each list item is the same whoever writes it, so writing one twice (two migrations at once) is harmless.
    await batchPutAll(doc, tableName, unlisted.map((item) => listItem(item as Parameters<typeof listItem>[0])), () => undefined);
    const keyed = new Set(unlisted.map((item) => item.PK));
    for (const item of items) if ((await addOverdueKey(doc, tableName, item)) && !keyed.has(item.PK)) keyed.add(item.PK);
    added += keyed.size;
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  return { reports, added };
}
