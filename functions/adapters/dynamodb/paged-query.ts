// One page of a list, newest first: a Query on the table or an index, filters applied, an opaque cursor that
// only continues the same partition.
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** A page that filters most items out stops after this many Query pages and answers a cursor to go on. */
const MAX_PAGES_PER_REQUEST = 10;

export interface PagedQuery {
  index?: 'GSI1' | 'GSI2';
  partition: string;
  /** A sort-key prefix (the table's SK only). */
  skPrefix?: string;
  /** Equality filters on plain attributes; undefined values are left out. */
  filters?: Record<string, string | undefined>;
  limit: number;
  cursor?: string | undefined;
}

export async function pagedQuery(doc: DynamoDBDocumentClient, tableName: string, q: PagedQuery) {
  const pk = q.index ? `${q.index}PK` : 'PK';
  const sk = q.index ? `${q.index}SK` : 'SK';
  let start: Record<string, unknown> | undefined = q.cursor ? decodeCursor(q.cursor, pk, q.partition) : undefined;
  const names: Record<string, string> = { '#pk': pk };
  const values: Record<string, unknown> = { ':pk': q.partition };
  const filters: string[] = [];
  for (const [field, value] of Object.entries(q.filters ?? {})) {
    if (value === undefined) continue;
    filters.push(`#f_${field} = :f_${field}`);
    names[`#f_${field}`] = field;
    values[`:f_${field}`] = value;
  }
  if (q.skPrefix) {
    names['#sk'] = sk;
    values[':prefix'] = q.skPrefix;
  }
  const { items, start: stoppedAt } = await queryUpTo(doc, {
    TableName: tableName,
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: q.skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
    ScanIndexForward: false,
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }, q.limit, start);
  start = stoppedAt;
  const last = items.at(-1);
  const key = (item: Record<string, any>) => Object.fromEntries([...new Set(['PK', 'SK', pk, sk])].map((name) => [name, item[name]]));
  const next = items.length >= q.limit && last ? key(last) : start;
  return { items, nextCursor: next ? encodeCursor(next) : null };
}

/** Query pages until `limit` items, or until MAX_PAGES_PER_REQUEST pages when a filter drops most of them: the
 *  items, and where the last Query stopped (none: the partition is done). */
export async function queryUpTo(
  doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>, limit: number, start?: Record<string, unknown>,
): Promise<{ items: Record<string, any>[]; start: Record<string, unknown> | undefined }> {
  const items: Record<string, any>[] = [];
  for (let pages = 0; pages < MAX_PAGES_PER_REQUEST && items.length < limit; pages++) {
    const page = await doc.send(new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
    if (!start) break;
  }
  return { items, start };
}
