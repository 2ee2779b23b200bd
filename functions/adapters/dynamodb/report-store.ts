// Reports in DynamoDB: one item per report, append-only timeline items beside it, a receipt item
// for public tracking, and per-election counters, all written together in one transaction.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InputError, TransitionConflict } from '#domain/errors';
import { isContention } from '#lib/faults';
import { retry } from '#lib/retry';
import { CONTENTION_BUDGET_MS } from '#lib/time-budget';
import { ulid } from '#domain/ids';
import type { ListReportsQuery, ReportSummary, StoredReport, TimelineEntry } from '#domain/report.schema';
import type { DecisionRecord, ReportStore, ReportTransition } from '#ports';
import type { DynamoClients } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

const SUMMARY_FIELDS = ['id', 'receiptCode', 'electionId', 'incidentDate', 'stage', 'category', 'status', 'employee', 'overdueAt', 'createdAt', 'updatedAt'];
const MAX_PAGES_PER_REQUEST = 10;
/** A transaction that met another on an item (TransactionConflict) or was throttled applied nothing: tried
 *  again with jitter, within the contention budget, then answered 503 (lib/faults.ts). */
const CONTENTION_RETRY = { attempts: 6, baseDelayMs: 20, maxDelayMs: 400, budgetMs: CONTENTION_BUDGET_MS, retryable: isContention } as const;

/** Every transaction that changes counters adds to one of this many items, chosen at random per attempt, so that
 *  concurrent transactions of a region rarely meet on one (README "The counters' item"); reads sum them. */
export const STATS_SHARDS = 8;

/** The counters' part of a transaction: ADD each delta on one shard of the region's election counters. */
function countersUpdate(tableName: string, regionId: string, electionId: string, deltas: Map<string, number>) {
  const entries = [...deltas];
  return {
    Update: {
      TableName: tableName,
      Key: keys.statsShard(regionId, electionId, Math.floor(Math.random() * STATS_SHARDS)),
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, delta], i) => [`:c${i}`, delta])),
    },
  };
}

const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entryId', 'version', 'requestHash', 'roundsOf', 'rounds']);
/** Decision records stay readable (410 rather than 404) for a while after their link expired. */
const DECISION_RETENTION_SECONDS = 90 * 86400;
function strip<T>(item: Record<string, any>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as T;
}

/** Counter attributes of the region's per-election stats item. */
export function counterNames(report: Pick<StoredReport, 'status' | 'category' | 'stage'>): string[] {
  return ['total', `status_${report.status}`, `category_${report.category}`, `stage_${report.stage}`];
}

const invalidCursor = () => new InputError([{ path: 'cursor', message: 'cursor tidak valid / invalid cursor' }]);

/** The start key a cursor names, or 400 `cursor`: it must be exactly the key of one of the caller's own reports
 *  in this list (its table key and its index key agree), so no forged key ever reaches DynamoDB. */
function decodeReportCursor(cursor: string, index: 'GSI1' | 'GSI2', partition: string, regionId: string): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidCursor();
  const entries = Object.entries(key);
  const allowed = new Set(['PK', 'SK', `${index}PK`, `${index}SK`]);
  if (entries.length !== 4 || entries.some(([k, v]) => !allowed.has(k) || typeof v !== 'string' || v === '' || v.length > 300)) throw invalidCursor();
  const start = key as Record<string, string>;
  // A cursor only ever continues the caller's own region's list, at one of its reports.
  const order = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)#([0-9A-Z]{1,40})$/.exec(start[`${index}SK`]!);
  if (start[`${index}PK`] !== partition || start.SK !== 'REPORT' || !order || start.PK !== keys.reportPartition(regionId, order[2]!)) {
    throw invalidCursor();
  }
  return start;
}

export function timelineItem(regionId: string, reportId: string, entry: TimelineEntry, tableName: string) {
  const entryId = `${entry.at}#${ulid()}`;
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.timeline(regionId, reportId, entryId), ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The decision record's item: the record, its key, and a TTL some time after the link expired. */
export function decisionItem(record: DecisionRecord) {
  return {
    ...keys.decision(record.key),
    ...record,
    expiration: Math.floor(new Date(record.expiresAt).getTime() / 1000) + DECISION_RETENTION_SECONDS,
  };
}

function transitionItems(change: ReportTransition, tableName: string) {
  const { report, from, to, at } = change;
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': from, ':at': at, ':one': 1 };
  const sets = ['updatedAt = :at'];
  const moves = to !== undefined && to !== from;
  if (moves) {
    sets.push('#status = :to', 'GSI2PK = :byStatus');
    values[':to'] = to;
    values[':byStatus'] = keys.reportsByStatus(report.regionId, to);
  }
  if (change.decision) {
    sets.push('decisions = list_append(if_not_exists(decisions, :none), :decision)');
    values[':none'] = [];
    values[':decision'] = [change.decision];
  }
  if (change.sanction) {
    sets.push('sanction = :sanction');
    values[':sanction'] = change.sanction;
  }
  if (change.bawasluNotifiedAt) {
    sets.push('bawasluNotifiedAt = :notified');
    values[':notified'] = change.bawasluNotifiedAt;
  }
  const conditions = ['#status = :from'];
  if (change.overdueAt) {
    sets.push('overdueAt = :overdueAt');
    values[':overdueAt'] = change.overdueAt;
  }
  if (change.expectOverdue !== undefined) conditions.push(change.expectOverdue ? 'attribute_exists(overdueAt)' : 'attribute_not_exists(overdueAt)');
  if (change.workflowRun !== undefined) {
    sets.push('workflowRun = :run');
    values[':run'] = change.workflowRun;
  }
  const record = change.record;
  if (record && 'create' in record) {
    // The new link becomes the step's one live link, only while the link it replaces is still the current one.
    sets.push('pendingDecision = :pendingDecision');
    values[':pendingDecision'] = record.create.key;
    if (record.replaces === null) conditions.push('attribute_not_exists(pendingDecision)');
    else {
      conditions.push('pendingDecision = :replaces');
      values[':replaces'] = record.replaces;
    }
  } else if (record && 'handOver' in record) {
    // The new holder's link becomes the step's live link, only while the handed-over one still is.
    sets.push('pendingDecision = :pendingDecision');
    values[':pendingDecision'] = record.handOver.to.key;
    conditions.push('pendingDecision = :replaces');
    values[':replaces'] = record.handOver.key;
  } else if (record && 'to' in record && record.to === 'USED') {
    // Only the current link of a step decides (reports from before links were tracked have none).
    conditions.push('(attribute_not_exists(pendingDecision) OR pendingDecision = :current)');
    values[':current'] = record.key;
  }
  const items: any[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.report(report.regionId, report.id),
        UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  ];

  const named = change.counters ?? [];
  const deltas = new Map<string, number>(Array.isArray(named) ? named.map((name) => [name, 1]) : Object.entries(named));
  if (moves) {
    deltas.set(`status_${from}`, -1);
    deltas.set(`status_${to}`, 1);
  }
  if (deltas.size) items.push(countersUpdate(tableName, report.regionId, report.electionId, deltas));
  for (const entry of change.timeline) items.push(timelineItem(report.regionId, report.id, entry, tableName));
  let onceIndex = -1;
  if (change.once) {
    // A retried mark whose first attempt landed after all (a timed-out call DynamoDB still applied) writes nothing.
    onceIndex = items.length;
    items.push({ Put: { TableName: tableName, Item: { ...keys.once(report.regionId, report.id, change.once), at }, ConditionExpression: 'attribute_not_exists(PK)' } });
  }

  let recordIndex = -1;
  if (change.record) {
    recordIndex = items.length;
    if ('handOver' in change.record) {
      const { key, to } = change.record.handOver;
      items.push({
        Update: {
          TableName: tableName,
          Key: keys.decision(key),
          UpdateExpression: 'SET #rs = :to, handedTo = :next, closedAt = :at',
          ConditionExpression: '#rs = :pending',
          ExpressionAttributeNames: { '#rs': 'status' },
          ExpressionAttributeValues: { ':to': 'HANDED_OVER', ':next': to.key, ':pending': 'PENDING', ':at': at },
        },
      });
      items.push({ Put: { TableName: tableName, Item: decisionItem(to), ConditionExpression: 'attribute_not_exists(PK)' } });
    } else if ('create' in change.record) {
      items.push({ Put: { TableName: tableName, Item: decisionItem(change.record.create), ConditionExpression: 'attribute_not_exists(PK)' } });
    } else if ('mark' in change.record) {
      items.push({
        Update: {
          TableName: tableName,
          Key: keys.decision(change.record.key),
          UpdateExpression: 'SET #mark = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#mark)',
          ExpressionAttributeNames: { '#mark': change.record.mark },
          ExpressionAttributeValues: { ':at': at },
        },
      });
    } else {
      const used = change.record.to === 'USED';
      items.push({
        Update: {
          TableName: tableName,
          Key: keys.decision(change.record.key),
          UpdateExpression: used ? 'SET #rs = :to, decision = :decision, closedAt = :at' : 'SET #rs = :to, closedAt = :at',
          // A link is used once, and only before its deadline; the deadline path expires it only while unused.
          ConditionExpression: used ? '#rs = :pending AND expiresAt > :at' : '#rs = :pending',
          ExpressionAttributeNames: { '#rs': 'status' },
          ExpressionAttributeValues: {
            ':to': change.record.to,
            ':pending': 'PENDING',
            ':at': at,
            ...(used ? { ':decision': change.record.decision } : {}),
          },
        },
      });
    }
  }
  return { items, recordIndex, onceIndex };
}

export function dynamoReportStore({ doc }: DynamoClients, tableName: string): ReportStore {
  async function get(regionId: string, id: string) {
    const items = await queryAll(doc, tableName, keys.reportPartition(regionId, id), { consistent: true });
    const reportItem = items.find((item) => item.SK === 'REPORT');
    if (!reportItem) return null;
    const timeline = items
      .filter((item) => String(item.SK).startsWith(keys.timelinePrefix))
      .map((item) => strip<TimelineEntry>(item));
    return { report: strip<StoredReport>(reportItem), timeline };
  }

  return {
    get,

    async create(report, first, requestHash) {
      const order = keys.reportOrder(report.createdAt, report.id);
      const counters = new Map(counterNames(report).map((name) => [name, 1]));
      const entry = timelineItem(report.regionId, report.id, first, tableName);
      // Built for each attempt, so that each adds to a fresh random shard of the counters.
      const items = () => [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.report(report.regionId, report.id),
              ...report,
              ...(requestHash ? { requestHash } : {}),
              GSI1PK: keys.reportsOfRegion(report.regionId),
              GSI1SK: order,
              GSI2PK: keys.reportsByStatus(report.regionId, report.status),
              GSI2SK: order,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.receipt(report.receiptCode), regionId: report.regionId, reportId: report.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        entry,
        countersUpdate(tableName, report.regionId, report.electionId, counters),
        // The employee's OPD must be in the directory: checked by the transaction, not read before it.
        { ConditionCheck: { TableName: tableName, Key: keys.opd(report.regionId, report.employee.opdId), ConditionExpression: 'attribute_exists(PK)' } },
      ];
      try {
        // Retries of one submission sent at once collide: a moment later the one that won is there to compare with.
        await retry(() => doc.send(new TransactWriteCommand({ TransactItems: items() })), CONTENTION_RETRY);
        return { outcome: 'created', report };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') {
          const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.report(report.regionId, report.id), ConsistentRead: true }));
          if (!Item) throw error;
          return { outcome: 'exists', report: strip<StoredReport>(Item), sameRequest: Item.requestHash === requestHash };
        }
        if (reasons.at(-1)?.Code === 'ConditionalCheckFailed') return { outcome: 'unknown-opd' };
        throw error;
      }
    },

    async list(regionId, query: ListReportsQuery) {
      const byStatus = query.status !== undefined;
      const index = byStatus ? 'GSI2' : 'GSI1';
      const partition = byStatus ? keys.reportsByStatus(regionId, query.status!) : keys.reportsOfRegion(regionId);
      let start = query.cursor ? decodeReportCursor(query.cursor, index, partition, regionId) : undefined;

      const filters: string[] = [];
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':pk': partition };
      for (const field of ['category', 'stage', 'electionId'] as const) {
        if (query[field] === undefined) continue;
        filters.push(`#${field} = :${field}`);
        names[`#${field}`] = field;
        values[`:${field}`] = query[field];
      }
      if (query.overdue !== undefined) {
        // Overdue means open and past its last escalation, as the `overdue` counter counts it.
        names['#f_status'] = 'status';
        values[':sanctioned'] = 'SANCTIONED';
        values[':dismissed'] = 'DISMISSED';
        filters.push(query.overdue === 'true'
          ? 'attribute_exists(overdueAt) AND NOT #f_status IN (:sanctioned, :dismissed)'
          : '(attribute_not_exists(overdueAt) OR #f_status IN (:sanctioned, :dismissed))');
      }
      const projection = [...SUMMARY_FIELDS, 'PK', 'SK', `${index}PK`, `${index}SK`];
      projection.forEach((field) => (names[`#p_${field}`] = field));

      const items: Record<string, any>[] = [];
      for (let pages = 0; pages < MAX_PAGES_PER_REQUEST && items.length < query.limit; pages++) {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: `${index}PK = :pk`,
            ScanIndexForward: false,
            Limit: query.limit - items.length,
            ExclusiveStartKey: start,
            ProjectionExpression: projection.map((field) => `#p_${field}`).join(', '),
            ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey as Record<string, string> | undefined;
        if (!start) break;
      }
      const last = items.at(-1);
      const nextKey =
        items.length >= query.limit && last
          ? { PK: last.PK, SK: last.SK, [`${index}PK`]: last[`${index}PK`], [`${index}SK`]: last[`${index}SK`] }
          : start;
      return {
        items: items.map((item) => strip<ReportSummary>(item)),
        nextCursor: nextKey ? encodeCursor(nextKey) : null,
      };
    },

    async transition(change) {
      try {
        // Built again for each attempt, so that each adds to a fresh random shard of the counters.
        await retry(() => doc.send(new TransactWriteCommand({ TransactItems: transitionItems(change, tableName).items })), CONTENTION_RETRY);
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const { recordIndex, onceIndex } = transitionItems(change, tableName);
        if (recordIndex >= 0 && reasons[recordIndex]?.Code === 'ConditionalCheckFailed') throw new TransitionConflict('decision');
        if (reasons[0]?.Code === 'ConditionalCheckFailed' || (onceIndex >= 0 && reasons[onceIndex]?.Code === 'ConditionalCheckFailed')) throw new TransitionConflict('report');
        throw error;
      }
    },

    async listByStatus(regionId, status, page) {
      const partition = keys.reportsByStatus(regionId, status);
      const result = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          Limit: page.limit,
          ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'GSI2PK', partition) } : {}),
        }),
      );
      return {
        items: (result.Items ?? []).map((item) => strip<StoredReport>(item)),
        nextCursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : null,
      };
    },

    async countRound(regionId, id, execution) {
      const key = keys.report(regionId, id);
      try {
        const { Attributes } = await doc.send(new UpdateCommand({
          TableName: tableName, Key: key, UpdateExpression: 'ADD rounds :one', ConditionExpression: 'roundsOf = :execution',
          ExpressionAttributeValues: { ':one': 1, ':execution': execution }, ReturnValues: 'UPDATED_NEW',
        }));
        return Number(Attributes?.rounds ?? 1);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // Another execution's count (or none yet): this execution starts at one.
        await doc.send(new UpdateCommand({
          TableName: tableName, Key: key, UpdateExpression: 'SET roundsOf = :execution, rounds = :one', ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':one': 1, ':execution': execution },
        }));
        return 1;
      }
    },

    async counters(regionId, electionId) {
      // One query: every shard, and the unsharded item of earlier versions (STATS#<election> itself).
      const { SK: unsharded, PK } = keys.stats(regionId, electionId);
      const items = await queryAll(doc, tableName, PK, { skPrefix: unsharded, consistent: true });
      const counters: Record<string, number> = {};
      for (const item of items) {
        if (item.SK !== unsharded && !String(item.SK).startsWith(`${unsharded}#`)) continue; // another election's prefix
        for (const [name, value] of Object.entries(item)) {
          if (name !== 'PK' && name !== 'SK' && typeof value === 'number') counters[name] = (counters[name] ?? 0) + value;
        }
      }
      return counters;
    },

    async findByReceipt(receiptCode) {
      const { Item: receipt } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.receipt(receiptCode) }));
      if (!receipt) return null;
      const { Item } = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.report(receipt.regionId, receipt.reportId),
          ProjectionExpression: '#s, updatedAt',
          ExpressionAttributeNames: { '#s': 'status' },
        }),
      );
      return Item ? { status: Item.status, updatedAt: Item.updatedAt } : null;
    },
  };
}
