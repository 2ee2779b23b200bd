// Claims on sends about a report in DynamoDB: one item per report and send, taken by a conditional put.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SendClaims } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';

export function dynamoSendClaims({ doc }: DynamoClients, tableName: string): SendClaims {
  return {
    async claim(regionId, id, name, at, until) {
      try {
        await doc.send(new PutCommand({
          TableName: tableName, Item: { ...keys.claim(regionId, id, name), at, ...(until ? { until } : {}) },
          // Taken over only when the holder's lease has passed (a claim for good has no `until`: never).
          ConditionExpression: 'attribute_not_exists(PK) OR #until < :at', ExpressionAttributeNames: { '#until': 'until' }, ExpressionAttributeValues: { ':at': at },
        }));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async release(regionId, id, name, at) {
      try {
        await doc.send(new DeleteCommand({
          TableName: tableName, Key: keys.claim(regionId, id, name), ConditionExpression: '#at = :at', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': at },
        }));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error; // taken over since: not ours to give back
      }
    },
  };
}
