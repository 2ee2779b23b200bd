// The region's directory in DynamoDB: one item per OPD, one for contacts, one for settings.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { PutSettingsBody, type Contacts, type Opd, type Settings } from '#domain/directory.schema';
import type { DirectoryStore } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys, SATGAS_SUFFIX } from './keys.ts';
import { queryAll } from './query-all.ts';

function toSatgas(item: Record<string, any>): NonNullable<Opd['satgas']> {
  const { PK, SK, opdId, ...satgas } = item;
  return satgas as NonNullable<Opd['satgas']>;
}

/** Stored settings with the defaults of keys added since they were written (none stored: every default). */
const settingsOf = (stored: unknown): Settings => z.parse(PutSettingsBody, stored ?? {});

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
      return settingsOf((await get(keys.settings(regionId)))?.settings);
    },
    async mergeSettings(regionId, change, at) {
      const given = Object.entries(change).filter(([, value]) => value !== undefined);
      if (!given.length) return settingsOf((await get(keys.settings(regionId)))?.settings);
      // One conditional write per try, so two PUTs of different steps both land: the first of a region writes the
      // whole item (if none exists), every later one sets only its keys. Two tries cover the race of two first PUTs.
      for (let attempt = 0; ; attempt++) {
        try {
          const names = Object.fromEntries(given.map(([key], i) => [`#k${i}`, key]));
          const values = Object.fromEntries(given.map(([, value], i) => [`:v${i}`, value]));
          const { Attributes } = await doc.send(new UpdateCommand({
            TableName: tableName,
            Key: keys.settings(regionId),
            UpdateExpression: `SET ${given.map((_, i) => `#s.#k${i} = :v${i}`).join(', ')}, updatedAt = :at`,
            ConditionExpression: 'attribute_exists(#s)',
            ExpressionAttributeNames: { '#s': 'settings', ...names },
            ExpressionAttributeValues: { ...values, ':at': at },
            ReturnValues: 'ALL_NEW',
          }));
          return settingsOf(Attributes?.settings);
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
        const settings = settingsOf(Object.fromEntries(given));
        try {
          await doc.send(new PutCommand({
            TableName: tableName,
            Item: { ...keys.settings(regionId), settings, updatedAt: at },
            ConditionExpression: 'attribute_not_exists(PK)',
          }));
          return settings;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException) || attempt >= 1) throw error;
        }
      }
    },
  };
}
