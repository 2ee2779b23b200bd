// Failed Bawaslu notices in DynamoDB: one mark per report and event, in the region's partition of GSI2 by the
// time of its failure, until the reconciler delivers it.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FailedNoticeMarks } from '#ports';
import type { DynamoClients } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';

export function dynamoFailedNotices({ doc }: DynamoClients, tableName: string): FailedNoticeMarks {
  return {
    async mark(regionId, id, event, at) {
      await doc.send(new PutCommand({
        TableName: tableName,
        Item: { ...keys.noticeFailed(regionId, id, event), GSI2PK: keys.noticesFailed(regionId), GSI2SK: `${at}#${id}#${event}`, regionId, reportId: id, event, failedAt: at },
      }));
    },

    async list(regionId, page) {
      const partition = keys.noticesFailed(regionId);
      const result = await doc.send(new QueryCommand({
        TableName: tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': partition },
        Limit: page.limit, ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'GSI2PK', partition) } : {}),
      }));
      return {
        items: (result.Items ?? []).map((item) => ({ regionId: item.regionId, reportId: item.reportId, event: item.event, failedAt: item.failedAt })),
        nextCursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : null,
      };
    },

    async clear({ regionId, reportId, event, failedAt }) {
      try {
        await doc.send(new DeleteCommand({
          TableName: tableName, Key: keys.noticeFailed(regionId, reportId, event),
          ConditionExpression: 'failedAt = :failedAt', ExpressionAttributeValues: { ':failedAt': failedAt },
        }));
      } catch (error) {
        // Failed again since (a later mark) or cleared already: that mark stands, or none is left.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
