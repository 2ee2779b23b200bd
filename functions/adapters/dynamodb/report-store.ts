// Reports in DynamoDB: one item per report, append-only timeline items beside it, a receipt item
// for public tracking, and per-election counters, all written together in one transaction.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { InputError } from '#domain/errors';
import { ulid } from '#domain/ids';
import type { ListReportsQuery, ReportSummary, StoredReport, TimelineEntry } from '#domain/report.schema';
import type { ReportStore } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';

const SUMMARY_FIELDS = ['id', 'receiptCode', 'electionId', 'incidentDate', 'stage', 'category', 'status', 'employee', 'createdAt', 'updatedAt'];
const MAX_PAGES_PER_REQUEST = 10;

const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entryId']);
function strip<T>(item: Record<string, any>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as T;
}

/** Counter attributes of the region's per-election stats item. */
export function counterNames(report: Pick<StoredReport, 'status' | 'category' | 'stage'>): string[] {
  return ['total', `status_${report.status}`, `category_${report.category}`, `stage_${report.stage}`];
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, partitionAttribute: string, partition: string): Record<string, string> {
  const invalid = new InputError([{ path: 'cursor', message: 'cursor tidak valid / invalid cursor' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid;
  const entries = Object.entries(key);
  const allowed = new Set(['PK', 'SK', partitionAttribute, partitionAttribute.replace('PK', 'SK')]);
  if (entries.length !== 4 || entries.some(([k, v]) => !allowed.has(k) || typeof v !== 'string')) throw invalid;
  // A cursor only ever continues the caller's own region's list.
  if ((key as Record<string, string>)[partitionAttribute] !== partition) throw invalid;
  return key as Record<string, string>;
}

export function timelineItem(regionId: string, reportId: string, entry: TimelineEntry, tableName: string) {
  const entryId = `${entry.at}#${ulid()}`;
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.timeline(regionId, reportId, entryId), ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export function dynamoReportStore({ doc }: DynamoClients, tableName: string): ReportStore {
  async function get(regionId: string, id: string) {
    const items: Record<string, any>[] = [];
    let start: Record<string, any> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.reportPartition(regionId, id) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const reportItem = items.find((item) => item.SK === 'REPORT');
    if (!reportItem) return null;
    const timeline = items
      .filter((item) => String(item.SK).startsWith(keys.timelinePrefix))
      .map((item) => strip<TimelineEntry>(item));
    return { report: strip<StoredReport>(reportItem), timeline };
  }

  return {
    get,

    async create(report, first) {
      const order = keys.reportOrder(report.createdAt, report.id);
      const counters = counterNames(report);
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.report(report.regionId, report.id),
                    ...report,
                    GSI1PK: keys.reportsOfRegion(report.regionId),
                    GSI1SK: order,
                    GSI2PK: keys.reportsByStatus(report.regionId, report.status),
                    GSI2SK: order,
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.receipt(report.receiptCode), regionId: report.regionId, reportId: report.id },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              timelineItem(report.regionId, report.id, first, tableName),
              {
                Update: {
                  TableName: tableName,
                  Key: keys.stats(report.regionId, report.electionId),
                  UpdateExpression: `ADD ${counters.map((_, i) => `#c${i} :one`).join(', ')}`,
                  ExpressionAttributeNames: Object.fromEntries(counters.map((name, i) => [`#c${i}`, name])),
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ],
          }),
        );
        return { created: true, report };
      } catch (error) {
        const reportExists =
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
        if (!reportExists) throw error;
        const existing = await get(report.regionId, report.id);
        if (!existing) throw error;
        return { created: false, report: existing.report };
      }
    },

    async list(regionId, query: ListReportsQuery) {
      const byStatus = query.status !== undefined;
      const index = byStatus ? 'GSI2' : 'GSI1';
      const partition = byStatus ? keys.reportsByStatus(regionId, query.status!) : keys.reportsOfRegion(regionId);
      let start = query.cursor ? decodeCursor(query.cursor, `${index}PK`, partition) : undefined;

      const filters: string[] = [];
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':pk': partition };
      for (const field of ['category', 'stage', 'electionId'] as const) {
        if (query[field] === undefined) continue;
        filters.push(`#${field} = :${field}`);
        names[`#${field}`] = field;
        values[`:${field}`] = query[field];
      }
      const projection = [...SUMMARY_FIELDS, 'PK', 'SK', `${index}PK`, `${index}SK`];
      projection.forEach((field) => (names[`#p_${field}`] = field));

      const items: Record<string, any>[] = [];
      for (let pages = 0; pages < MAX_PAGES_PER_REQUEST && items.length < query.limit; pages++) {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: `${index}PK = :pk`,
            ScanIndexForward: false,
            Limit: query.limit - items.length,
            ExclusiveStartKey: start,
            ProjectionExpression: projection.map((field) => `#p_${field}`).join(', '),
            ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey as Record<string, string> | undefined;
        if (!start) break;
      }
      const last = items.at(-1);
      const nextKey =
        items.length >= query.limit && last
          ? { PK: last.PK, SK: last.SK, [`${index}PK`]: last[`${index}PK`], [`${index}SK`]: last[`${index}SK`] }
          : start;
      return {
        items: items.map((item) => strip<ReportSummary>(item)),
        nextCursor: nextKey ? encodeCursor(nextKey) : null,
      };
    },

    async findByReceipt(receiptCode) {
      const { Item: receipt } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.receipt(receiptCode) }));
      if (!receipt) return null;
      const { Item } = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.report(receipt.regionId, receipt.reportId),
          ProjectionExpression: '#s, updatedAt',
          ExpressionAttributeNames: { '#s': 'status' },
        }),
      );
      return Item ? { status: Item.status, updatedAt: Item.updatedAt } : null;
    },
  };
}
