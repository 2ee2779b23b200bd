// The region's directory in DynamoDB: one item per OPD, one for contacts, one for settings.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SETTINGS, type Contacts, type Opd, type Settings } from '#domain/directory.schema';
import type { DirectoryStore } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys, SATGAS_SUFFIX } from './keys.ts';
import { queryAll } from './query-all.ts';

function toSatgas(item: Record<string, any>): NonNullable<Opd['satgas']> {
  const { PK, SK, opdId, ...satgas } = item;
  return satgas as NonNullable<Opd['satgas']>;
}

function toOpd(item: Record<string, any>): Opd {
  const { PK, SK, ...opd } = item;
  return opd as Opd;
}

export function dynamoDirectoryStore({ doc }: DynamoClients, tableName: string): DirectoryStore {
  const get = async (key: { PK: string; SK: string }) =>
    (await doc.send(new GetCommand({ TableName: tableName, Key: key }))).Item;
  return {
    async getOpd(regionId, opdId) {
      const item = await get(keys.opd(regionId, opdId));
      return item ? toOpd(item) : null;
    },
    async putOpd(regionId, opdId, body, at) {
      const opd: Opd = { opdId, ...body, updatedAt: at };
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.opd(regionId, opdId), ...opd } }));
      return opd;
    },
    async listOpds(regionId) {
      // The same Query reads each OPD's Satgas item (OPD#<id>#SATGAS), which joins its OPD.
      const items = await queryAll(doc, tableName, keys.region(regionId).PK, { skPrefix: keys.opdPrefix });
      const satgas = new Map(items.filter((item) => String(item.SK).endsWith(SATGAS_SUFFIX)).map((item) => [item.opdId, toSatgas(item)]));
      return items
        .filter((item) => !String(item.SK).endsWith(SATGAS_SUFFIX))
        .map((item) => {
          const opd = toOpd(item);
          const formed = satgas.get(opd.opdId);
          return formed ? { ...opd, satgas: formed } : opd;
        });
    },
    async getContacts(regionId) {
      const item = await get(keys.contacts(regionId));
      return item ? (item.contacts as Contacts) : null;
    },
    async putContacts(regionId, contacts, at) {
      await doc.send(
        new PutCommand({ TableName: tableName, Item: { ...keys.contacts(regionId), contacts, updatedAt: at } }),
      );
    },
    async getSettings(regionId) {
      const item = await get(keys.settings(regionId));
      return item ? (item.settings as Settings) : structuredClone(DEFAULT_SETTINGS);
    },
    async putSettings(regionId, settings, at) {
      await doc.send(
        new PutCommand({ TableName: tableName, Item: { ...keys.settings(regionId), settings, updatedAt: at } }),
      );
    },
  };
}
