// Creates the table on DynamoDB Local from the same design the CDK stack deploys, and adds the indexes a table
// made by an earlier version lacks (`npm start` keeps its table on disk).
import {
  CreateTableCommand, DescribeTableCommand, ResourceInUseException, UpdateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { KEY_ATTRIBUTES, TABLE_DESIGN, type IndexDesign } from '../../functions/adapters/dynamodb/table-design.ts';

/** How long an added index may take to build before the start gives up (it goes on in the background). */
const INDEX_BUILD_TIMEOUT_MS = 120_000;

const attributeDefinitions = (names: readonly string[]) => names.map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));

function indexSpec(index: IndexDesign): GlobalSecondaryIndex {
  return {
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: typeof index.projection === 'string' ? { ProjectionType: index.projection } : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
  };
}

/** Adds the design's indexes the table does not have, one UpdateTable each (as DynamoDB allows), each backfilled
 *  from the items already there before the next; answers the names it added. */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = TABLE_DESIGN.globalSecondaryIndexes.filter((index) => !present.has(index.indexName));
  for (const index of missing) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions([index.partitionKey, index.sortKey]),
        GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
      }),
    );
    // DynamoDB Local builds an index in seconds (longer on a loaded machine or a big table) and takes the next
    // one only after it is ACTIVE; bounded, with a message saying what to do.
    const deadline = Date.now() + INDEX_BUILD_TIMEOUT_MS;
    for (;;) {
      const { Table: now } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (now?.GlobalSecondaryIndexes?.find((gsi) => gsi.IndexName === index.indexName)?.IndexStatus === 'ACTIVE') break;
      if (Date.now() > deadline) throw new Error(`DynamoDB Local is still building the ${index.indexName} index of ${tableName}; start again in a while to add the rest`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return missing.map((index) => index.indexName);
}

/** Creates the table (or completes an older one's indexes); answers the indexes it had to add to an existing table. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<string[]> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(KEY_ATTRIBUTES),
        KeySchema: [
          { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_DESIGN.globalSecondaryIndexes.map(indexSpec),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
      }),
    );
    return [];
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  return addMissingIndexes(client, tableName);
}
