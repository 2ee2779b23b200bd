// Every item of one partition (optionally under a sort-key prefix), page by page.
import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export async function queryAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  options: { skPrefix?: string; consistent?: boolean } = {},
): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  const pages = paginateQuery(
    { client: doc },
    {
      TableName: tableName,
      KeyConditionExpression: options.skPrefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(options.skPrefix ? { ':prefix': options.skPrefix } : {}) },
      ConsistentRead: options.consistent ?? false,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}
