// The daily digest's once-per-day marks in DynamoDB, one small item per region and local date.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestMarks } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';

export function dynamoDigestMarks({ doc }: DynamoClients, tableName: string): DigestMarks {
  return {
    async sentAt(regionId, date) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.digest(regionId, date), ConsistentRead: true }));
      return (Item?.sentAt as string | undefined) ?? null;
    },

    async markSent(regionId, date, at) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.digest(regionId, date), sentAt: at } }));
    },
  };
}
