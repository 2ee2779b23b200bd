// Satgas, their activities and risks in DynamoDB, with exact counters: every write changes the counters it
// moves in its own transaction (like the pledge counters), and a risk changes status only from the status it
// was read with, so concurrent updates of one risk cannot count twice.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Activity, Risk, SatgasCounters } from '#domain/satgas.schema';
import { dictionary } from '#domain/own';
import { cellCounter } from '#domain/vulnerability-map';
import type { SatgasStore } from '#ports';
import { batchGetAll, transact } from './batch-io.ts';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';
import { pagedQuery } from './paged-query.ts';
import { queryAll } from './query-all.ts';

const KIND_COUNTERS = { SOSIALISASI: 'socialisations', IDENTIFIKASI_KERAWANAN: 'identifications', PEMANTAUAN_MEDIA_SOSIAL: 'monitoring' } as const;
const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);
const strip = <T>(item: Record<string, any>) => Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as T;

/** An ADD of signed deltas to one item's counters (names may hold any character). */
function addCounters(tableName: string, key: Record<string, string>, opdId: string, deltas: Record<string, number>) {
  const entries = Object.entries(deltas).filter(([, n]) => n !== 0);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET opdId = :opd ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
      ExpressionAttributeValues: { ':opd': opdId, ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])) },
    },
  };
}

const failedAt = (error: unknown) =>
  error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed') : -1;

export function dynamoSatgasStore({ doc }: DynamoClients, tableName: string): SatgasStore {
  return {
    async put(regionId, satgas) {
      try {
        await transact(doc, [
          { ConditionCheck: { TableName: tableName, Key: keys.opd(regionId, satgas.opdId), ConditionExpression: 'attribute_exists(PK)' } },
          { Put: { TableName: tableName, Item: { ...keys.satgas(regionId, satgas.opdId), ...satgas } } },
        ]);
        return true;
      } catch (error) {
        if (failedAt(error) === 0) return false;
        throw error;
      }
    },

    async createActivity(activity, risks) {
      const { regionId, opdId, electionId } = activity;
      const deltas: Record<string, number> = { [KIND_COUNTERS[activity.kind]]: 1, risks: risks.length, openRisks: risks.length };
      deltas.highRisks = risks.filter((r) => r.level === 'TINGGI').length;
      for (const risk of risks) deltas[cellCounter('TERBUKA', risk)] = (deltas[cellCounter('TERBUKA', risk)] ?? 0) + 1;
      const items = [
        // The OPD's Satgas must exist (it exists only for an OPD of the directory); then each named report.
        { ConditionCheck: { TableName: tableName, Key: keys.satgas(regionId, opdId), ConditionExpression: 'attribute_exists(PK)' } },
        ...activity.reportIds.map((id) => ({
          ConditionCheck: {
            TableName: tableName, Key: keys.report(regionId, id),
            ConditionExpression: 'attribute_exists(PK) AND electionId = :election', ExpressionAttributeValues: { ':election': electionId },
          },
        })),
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.satgasActivity(regionId, activity.id), ...activity,
              GSI1PK: keys.satgasActivitiesOfOpd(regionId, opdId), GSI1SK: activity.id,
              GSI2PK: keys.satgasActivitiesOfElection(regionId, electionId), GSI2SK: activity.id,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...risks.map((risk) => ({
          Put: {
            TableName: tableName,
            Item: { ...keys.satgasRisk(regionId, risk.id), ...risk, GSI1PK: keys.satgasRisksByStatus(regionId, electionId, risk.status), GSI1SK: risk.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        })),
        addCounters(tableName, keys.satgasCounter(regionId, electionId, opdId), opdId, deltas),
      ];
      try {
        await transact(doc, items);
        return { outcome: 'created' };
      } catch (error) {
        const index = failedAt(error);
        if (index === 0) return { outcome: 'no-satgas' };
        if (index >= 1 && index <= activity.reportIds.length) return { outcome: 'unknown-report', index: index - 1 };
        throw error;
      }
    },

    async listActivities(regionId, query) {
      const { opdId, electionId, kind, limit, cursor } = query;
      const page = opdId
        ? await pagedQuery(doc, tableName, { index: 'GSI1', partition: keys.satgasActivitiesOfOpd(regionId, opdId), filters: { electionId, kind }, limit, cursor })
        : electionId
          ? await pagedQuery(doc, tableName, { index: 'GSI2', partition: keys.satgasActivitiesOfElection(regionId, electionId), filters: { kind }, limit, cursor })
          : await pagedQuery(doc, tableName, { partition: keys.satgasPartition(regionId), skPrefix: keys.satgasActivityPrefix, filters: { kind }, limit, cursor });
      return { items: page.items.map((item) => strip<Activity>(item)), nextCursor: page.nextCursor };
    },

    async getActivity(regionId, id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.satgasActivity(regionId, id), ConsistentRead: true }));
      if (!Item) return null;
      const activity = strip<Activity>(Item);
      // At most 50 keys: one BatchGetItem, what it leaves unprocessed asked for again (503 when it stays so).
      const items = await batchGetAll(doc, tableName, activity.risks.map((risk) => keys.satgasRisk(regionId, risk.id)));
      const risks = items.map((item) => strip<Risk>(item));
      const order = new Map(activity.risks.map((risk, i) => [risk.id, i]));
      return { activity, risks: risks.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
    },

    async getRisk(regionId, id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.satgasRisk(regionId, id), ConsistentRead: true }));
      return Item ? strip<Risk>(Item) : null;
    },

    async setRiskStatus(risk, to, note, at) {
      const { regionId, electionId, opdId, status: from } = risk;
      const update = {
        Update: {
          TableName: tableName,
          Key: keys.satgasRisk(regionId, risk.id),
          UpdateExpression: 'SET #status = :to, note = :note, updatedAt = :at, GSI1PK = :index, history = list_append(history, :entry)',
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': to, ':from': from, ':note': note, ':at': at, ':entry': [{ at, status: to, note }],
            ':index': keys.satgasRisksByStatus(regionId, electionId, to),
          },
        },
      };
      const open = to === 'TERBUKA' ? 1 : -1;
      const counters =
        from === to
          ? []
          : [
              addCounters(tableName, keys.satgasCounter(regionId, electionId, opdId), opdId, {
                openRisks: open,
                highRisks: risk.level === 'TINGGI' ? open : 0,
                [cellCounter(from, risk)]: -1,
                [cellCounter(to, risk)]: 1,
              }),
            ];
      try {
        await transact(doc, [update, ...counters]);
        return true;
      } catch (error) {
        if (failedAt(error) === 0) return false;
        throw error;
      }
    },

    async listRisks(regionId, electionId, status, max) {
      // One more than asked, to tell "exactly max" from "more than max".
      const page = await pagedQuery(doc, tableName, { index: 'GSI1', partition: keys.satgasRisksByStatus(regionId, electionId, status), limit: max + 1 });
      return { risks: page.items.slice(0, max).map((item) => strip<Risk>(item)), truncated: page.items.length > max };
    },

    async counters(regionId, electionId) {
      const result: SatgasCounters = { opds: dictionary() };
      for (const item of await queryAll(doc, tableName, keys.region(regionId).PK, { skPrefix: keys.satgasCounterPrefix(electionId), consistent: true })) {
        const { PK, SK, opdId, socialisations, identifications, monitoring, openRisks, highRisks, risks, ...cells } = item;
        result.opds[opdId] = {
          socialisations: Number(socialisations ?? 0), identifications: Number(identifications ?? 0), monitoring: Number(monitoring ?? 0),
          openRisks: Number(openRisks ?? 0), highRisks: Number(highRisks ?? 0), cells: cells as Record<string, number>,
        };
      }
      return result;
    },
  };
}
