// The reads across a region's reports in DynamoDB: its lists and pages through the indexes (report-list.ts), a
// receipt's status, a person's reports, a period's, and its counters summed over their shards.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredReport } from '#domain/report.schema';
import type { ReportQueries } from '#ports';
import type { DynamoClients } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';
import { LIST_INDEX_NAMES } from './table-design.ts';
import { queryAll } from './query-all.ts';
import { listReports, reportsOfRows, strip } from './report-list.ts';

export interface ReportQueriesOptions {
  /** The list indexes the table has (undefined: every one of the design); a filter without its index is a filter
   *  expression, as while a table made before them gets them one deploy at a time. */
  listIndexes?: readonly string[] | undefined;
}

export function dynamoReportQueries({ doc }: DynamoClients, tableName: string, options: ReportQueriesOptions = {}): ReportQueries {
  const listIndexes = new Set(options.listIndexes ?? LIST_INDEX_NAMES);
  return {
    list: (regionId, query) => listReports(doc, tableName, regionId, query, listIndexes),

    async ofPerson(regionId, nip, max) {
      const { Items = [] } = await doc.send(new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.reportsOfPerson(regionId, nip) },
        ScanIndexForward: false,
        Limit: max + 1,
      }));
      const rows = Items.slice(0, max);
      const reports = (await reportsOfRows(doc, tableName, rows)).map((item) => strip<StoredReport>(item));
      // The index entry is written with the report and deleted with its NIP; the check costs nothing and keeps an
      // erased report (or another employee's) out of the record whatever happened in between.
      return { reports: reports.filter((report) => report.employee.nip === nip), truncated: Items.length > max };
    },

    async listByStatus(regionId, status, page) {
      // GSI2's keys, then the reports: a status item (or an earlier version's report item) names its report.
      const partition = keys.reportsByStatus(regionId, status);
      const result = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk',
          ProjectionExpression: 'PK, SK, GSI2PK, GSI2SK',
          ExpressionAttributeValues: { ':pk': partition },
          Limit: page.limit,
          ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'GSI2PK', partition) } : {}),
        }),
      );
      // A report whose status moved on a moment ago (the index lags its table) is not this status's.
      const reports = await reportsOfRows(doc, tableName, result.Items ?? []);
      return {
        items: reports.filter((item) => item.status === status).map((item) => strip<StoredReport>(item)),
        nextCursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : null,
      };
    },

    async counters(regionId, electionId) {
      // One query: every shard, and the unsharded item of earlier versions (STATS#<election> itself).
      const { SK: unsharded, PK } = keys.stats(regionId, electionId);
      const items = await queryAll(doc, tableName, PK, { skPrefix: unsharded, consistent: true });
      const counters: Record<string, number> = {};
      for (const item of items) {
        if (item.SK !== unsharded && !String(item.SK).startsWith(`${unsharded}#`)) continue; // another election's prefix
        for (const [name, value] of Object.entries(item)) {
          if (name !== 'PK' && name !== 'SK' && typeof value === 'number') counters[name] = (counters[name] ?? 0) + value;
        }
      }
      return counters;
    },

    async ofPeriod(regionId, from, to) {
      // An index's keys in a sort-key range, a page (1 MB) at a time, at most 100 pages; then the reports.
      const reportsIn = async (indexName: 'GSI1' | 'GSI2', partition: string) => {
        const rows: Record<string, any>[] = [];
        let start: Record<string, unknown> | undefined;
        for (let page = 0; page < 100; page++) {
          const result = await doc.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: indexName,
              KeyConditionExpression: `${indexName}PK = :pk AND ${indexName}SK BETWEEN :from AND :to`,
              ProjectionExpression: 'PK',
              ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': to },
              ExclusiveStartKey: start,
            }),
          );
          rows.push(...(result.Items ?? []));
          start = result.LastEvaluatedKey;
          if (!start) break;
        }
        return (await reportsOfRows(doc, tableName, rows)).map((item) => strip<StoredReport>(item));
      };
      // Received: GSI1's range (GSI1SK starts with createdAt). Newly overdue: the overdue marks' range in GSI2
      // (GSI2SK starts with overdueAt), listed in the reports' order as the received ones are.
      const [received, overdue] = await Promise.all([reportsIn('GSI1', keys.reportsOfRegion(regionId)), reportsIn('GSI2', keys.reportsOverdueSince(regionId))]);
      const order = (report: StoredReport) => keys.reportOrder(report.createdAt, report.id);
      return {
        received: received.filter((r) => r.createdAt < to),
        overdue: overdue.filter((r) => r.overdueAt !== undefined && r.overdueAt < to).sort((a, b) => (order(a) < order(b) ? -1 : 1)),
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
