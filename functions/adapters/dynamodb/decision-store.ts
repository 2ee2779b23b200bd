// Decision link records in DynamoDB: read by the hash of the link's id; the waiting task's token kept on them.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionStore } from '#ports';
import type { DecisionRecord } from '#domain/decision-record';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';

function toRecord(item: Record<string, any>): DecisionRecord {
  const { PK, SK, expiration, closedAt, ...record } = item;
  return record as DecisionRecord;
}

export function dynamoDecisionStore({ doc }: DynamoClients, tableName: string): DecisionStore {
  return {
    async get(key) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.decision(key), ConsistentRead: true }));
      return Item ? toRecord(Item) : null;
    },
    async attachToken(key, taskToken) {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.decision(key),
            UpdateExpression: 'SET taskToken = :token',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':token': taskToken },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toRecord(Attributes) : null;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return null;
        throw error;
      }
    },
  };
}
