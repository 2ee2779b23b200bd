// Regions and their API keys (stored only as SHA-256 hashes) in DynamoDB.
import { GetCommand, paginateQuery, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { KeyStore, RegionStore } from '#ports';
import type { ApiKeyRecord } from '#domain/regions';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';

export function dynamoRegionStore({ doc }: DynamoClients, tableName: string): RegionStore {
  return {
    async get(regionId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.region(regionId) }));
      return Item ? { id: Item.id, name: Item.name, agencyName: Item.agencyName, ...(Item.timeZone ? { timeZone: Item.timeZone } : {}) } : null;
    },
    async put(region) {
      // Listed through GSI1 (for the reconciler, which runs per region), never by a scan.
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.region(region.id), ...region, GSI1PK: keys.regions, GSI1SK: region.id } }));
    },
    async listIds() {
      const ids: string[] = [];
      const pages = paginateQuery({ client: doc }, {
        TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.regions },
        ProjectionExpression: 'id',
      });
      for await (const page of pages) ids.push(...(page.Items ?? []).map((item) => String(item.id)));
      return ids;
    },
  };
}

export function dynamoKeyStore({ doc }: DynamoClients, tableName: string): KeyStore {
  const toRecord = (item: Record<string, any>): ApiKeyRecord => ({
    keyId: item.keyId,
    regionId: item.regionId,
    createdAt: item.createdAt,
    ...(item.body ? { body: item.body } : {}),
    ...(item.revokedAt ? { revokedAt: item.revokedAt } : {}),
  });
  return {
    async findByHash(hash) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.apiKey(hash) }));
      return Item ? toRecord(Item) : null;
    },
    async add(record, hash) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.apiKey(hash), ...record, GSI1PK: keys.apiKeysOfRegion(record.regionId), GSI1SK: record.keyId },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async list(regionId) {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.apiKeysOfRegion(regionId) },
        }),
      );
      return Items.map(toRecord);
    },
    async revoke(regionId, keyId, at) {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :keyId',
          ExpressionAttributeValues: { ':pk': keys.apiKeysOfRegion(regionId), ':keyId': keyId },
        }),
      );
      const item = Items[0];
      if (!item) return false;
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: 'SET revokedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
