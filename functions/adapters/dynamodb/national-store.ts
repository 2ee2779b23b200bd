// What the national bodies read across regions (follow-up counters, their recommendations' list), their contacts
// and their weekly digest's marks, in DynamoDB. The report store writes the recommendations and their counters.
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLOSED_STATUSES } from '#domain/codes';
import type { StoredReport } from '#domain/report.schema';
import type { NationalStore } from '#ports';
import type { Region } from '#domain/regions';
import type { DynamoClients } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';
import { queryUpTo } from './paged-query.ts';
import { reportsOfRows } from './report-list.ts';
import { strip } from './report-list.ts';

/** A partition read whole stops after this many pages (1 MB each): far above 545 regions' small items. */
const MAX_PAGES = 50;
/** A filtered list page reads at most this many rounds of keys before it answers a cursor to go on. */
const MAX_ROUNDS = 10;

async function wholePartition(doc: DynamoDBDocumentClient, input: { TableName: string; IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown>; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }) {
  const items: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
    if (!start) return items;
  }
  throw new Error(`${input.KeyConditionExpression} has more than ${MAX_PAGES} pages`);
}

export function dynamoNationalStore({ doc }: DynamoClients, tableName: string): NationalStore {
  return {
    async followUp(electionId) {
      // Two queries whatever the number of reports: the regions (GSI1 REGIONS) and their follow-up items.
      const [regions, counters] = await Promise.all([
        wholePartition(doc, {
          TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.regions },
          ProjectionExpression: 'id, #n, agencyName', ExpressionAttributeNames: { '#n': 'name' },
        }),
        wholePartition(doc, { TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.followUpPartition(electionId) } }),
      ]);
      const byId = new Map<string, Region>(regions.map((item) => [String(item.id), { id: String(item.id), name: String(item.name), agencyName: String(item.agencyName) }]));
      return counters.flatMap((item) => {
        const region = byId.get(String(item.regionId));
        if (!region) return [];
        const values: Record<string, number> = Object.create(null);
        for (const [name, value] of Object.entries(item)) if (typeof value === 'number') values[name] = value;
        return [{ region, counters: values }];
      });
    },

    async recommendations(body, query) {
      const partition = keys.nationalRecommendations(body);
      // The unchanging filters on the list items themselves; status and overdue on the reports read.
      const names: Record<string, string> = Object.create(null);
      const values: Record<string, unknown> = { ':pk': partition };
      const filters: string[] = [];
      if (query.regionId) { filters.push('regionId = :region'); values[':region'] = query.regionId; }
      if (query.electionId) { filters.push('electionId = :election'); values[':election'] = query.electionId; }
      const wanted = (report: StoredReport) => {
        if (query.status && report.status !== query.status) return false;
        if (query.overdue === undefined) return true;
        const overdue = report.overdueAt !== undefined && !CLOSED_STATUSES.includes(report.status);
        return overdue === (query.overdue === 'true');
      };
      let start: Record<string, unknown> | undefined = query.cursor ? decodeCursor(query.cursor, 'GSI2PK', partition) : undefined;
      const items: StoredReport[] = [];
      for (let round = 0; round < MAX_ROUNDS && items.length < query.limit; round++) {
        // At most as many keys as the page still needs: every key read is then a key consumed, so the cursor is exact.
        const page = await queryUpTo(doc, {
          TableName: tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ScanIndexForward: false,
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        }, query.limit - items.length, start);
        const reports = (await reportsOfRows(doc, tableName, page.items)).map((item) => strip<StoredReport>(item));
        items.push(...reports.filter(wanted));
        start = page.start;
        if (!start) break;
      }
      const next = start ? { PK: start.PK, SK: start.SK, GSI2PK: start.GSI2PK, GSI2SK: start.GSI2SK } : undefined;
      return { items, nextCursor: next ? encodeCursor(next) : null };
    },

    async getContact(body) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.nationalContact(body) }));
      return Item ? { name: String(Item.name), email: String(Item.email) } : null;
    },

    async putContact(body, contact, at) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.nationalContact(body), name: contact.name, email: contact.email, updatedAt: at } }));
    },

    async digestSentAt(body, week) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.nationalDigest(body, week), ConsistentRead: true }));
      return (Item?.sentAt as string | undefined) ?? null;
    },

    async markDigestSent(body, week, at) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.nationalDigest(body, week), sentAt: at } }));
    },
  };
}
