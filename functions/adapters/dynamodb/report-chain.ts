// A report's chain head as stored, and the chain of a report stored before chains existed computed once: the
// repository does it before a report's first transition or erasure, `report migrate` for every report.
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TimelineEntry } from '#domain/report.schema';
import { chainEntries } from '#domain/timeline-chain';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { inChainOrder, type ChainHead } from './report-items.ts';
import { strip } from './report-list.ts';

export type StoredHead = Omit<ChainHead, 'timelineHash'> & { timelineHash?: string };

export function headOfItem(item: Record<string, any>): StoredHead {
  return { status: item.status, timelineHash: item.timelineHash, timelineLength: Number(item.timelineLength ?? 0), createdAt: item.createdAt, statusKeyOnReport: item.GSI2PK !== undefined };
}

export function reportChains(doc: DynamoDBDocumentClient, tableName: string) {
  async function head(regionId: string, id: string): Promise<StoredHead | null> {
    const { Item } = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.report(regionId, id),
        ConsistentRead: true,
        ProjectionExpression: '#s, timelineHash, timelineLength, createdAt, GSI2PK',
        ExpressionAttributeNames: { '#s': 'status' },
      }),
    );
    return Item ? headOfItem(Item) : null;
  }

  /** Computes the chain of a report stored before chains existed, once: every entry gets its hash and
   *  position, then the report its timelineHash and timelineMigratedAt (only if no one did it meanwhile). */
  async function migrate(regionId: string, id: string, at: string): Promise<ChainHead | null> {
    const items = await queryAll(doc, tableName, keys.reportPartition(regionId, id), { consistent: true });
    const reportItem = items.find((item) => item.SK === 'REPORT');
    if (!reportItem) return null;
    if (reportItem.timelineHash) return headOfItem(reportItem) as ChainHead;
    const timeline = inChainOrder(items);
    const chained = chainEntries(id, timeline.map((item) => strip<TimelineEntry>(item)));
    // Each value is determined by the entries, so a migration cut short and run again writes the same.
    for (const [seq, item] of timeline.entries()) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: item.PK, SK: item.SK },
          // An entry with a personal value is salted by the chain it joins (a rerun finds the salt stored and reuses it).
          UpdateExpression: `SET #hash = :hash, seq = :seq${chained[seq]!.salt ? ', salt = :salt' : ''}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':hash': chained[seq]!.hash, ':seq': seq, ...(chained[seq]!.salt ? { ':salt': chained[seq]!.salt } : {}) },
        }),
      );
    }
    const timelineHash = chained.at(-1)?.hash ?? id;
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.report(regionId, id),
          UpdateExpression: 'SET timelineHash = :hash, timelineLength = :length, timelineMigratedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(timelineHash)',
          ExpressionAttributeValues: { ':hash': timelineHash, ':length': chained.length, ':at': at },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    const now = await head(regionId, id);
    return now?.timelineHash ? (now as ChainHead) : null;
  }

  return { head, migrate };
}
