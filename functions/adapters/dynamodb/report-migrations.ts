// What brings reports stored by earlier versions up to date in DynamoDB (`report migrate`): their chain, their
// index keys off the report item, their salted chain, the employee's index, their sealed reporter. Only the admin
// command and npm start import this module (.dependency-cruiser.cjs: migrations-stay-in-the-admin-command).
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportMigrations } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';
import { saltChain } from './report-erasure.ts';
import { migrateListKeys, personItem } from './report-list.ts';
import { reportChains } from './report-chain.ts';

export function dynamoReportMigrations({ doc }: DynamoClients, tableName: string): ReportMigrations {
  const chains = reportChains(doc, tableName);
  return {
    migrate: async (regionId, id, at) => (await chains.migrate(regionId, id, at)) !== null,

    migrateListKeys: (regionId) => migrateListKeys(doc, tableName, regionId),

    saltChain: (regionId, id, at) => saltChain(doc, tableName, regionId, id, at),

    async indexPerson(report) {
      const Item = personItem(report);
      if (!Item) return false;
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' }));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async sealReporter(regionId, id, sealed) {
      try {
        // The sealed item and the report without its plain name and contact (the kind stays), in one transaction.
        await doc.send(new TransactWriteCommand({ TransactItems: [
          { Put: { TableName: tableName, Item: { ...keys.reporterSeal(regionId, id), sealed }, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: tableName,
              Key: keys.report(regionId, id),
              UpdateExpression: 'SET reporter.sealed = :true REMOVE reporter.#name, reporter.contact',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':true': true },
            },
          },
        ] }));
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },
  };
}
