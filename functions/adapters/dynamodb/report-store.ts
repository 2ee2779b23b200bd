// Reports in DynamoDB: one item per report, append-only timeline items beside it, small items that carry its index
// keys (list, status, overdue mark) and its rounds counter, a receipt item for public tracking, and per-election
// counters, written together in one transaction.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransitionConflict } from '#domain/errors';
import { isContention } from '#support/faults';
import { retry } from '#support/retry';
import { CONTENTION_BUDGET_MS } from '#support/time-budget';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';
import { chainEntries } from '#domain/timeline-chain';
import type { ReportStore } from '#ports';
import type { DynamoClients } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';
import { LIST_INDEX_NAMES } from './table-design.ts';
import { queryAll } from './query-all.ts';
import { erasePersonalData, saltChain } from './report-erasure.ts';
import { LIST_KEY_ATTRIBUTES, listItem, listReports, migrateListKeys, personItem, reportsOfRows, statusItem } from './report-list.ts';
import { createdCounters } from '#domain/counters';
import { countersUpdate, followUpUpdate, inChainOrder, timelineItem, transitionItems, type ChainHead } from './report-items.ts';


/** A transition tries again while only the chain moved on (another entry was appended meanwhile), this many times. */
const MAX_CHAIN_ATTEMPTS = 8;
/** A transaction that met another on an item (TransactionConflict) or was throttled applied nothing: tried
 *  again with jitter, within the contention budget, then answered 503 (support/faults.ts). */
const CONTENTION_RETRY = { attempts: 6, baseDelayMs: 20, maxDelayMs: 400, budgetMs: CONTENTION_BUDGET_MS, retryable: isContention } as const;

const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', ...LIST_KEY_ATTRIBUTES, 'entryId', 'version', 'requestHash', 'seq', 'timelineLength', 'roundsOf', 'rounds']);
export function strip<T>(item: Record<string, any>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as T;
}

export interface ReportStoreOptions {
  /** The list indexes the table has (undefined: every one of the design); a filter without its index is a filter
   *  expression, as while a table made before them gets them one deploy at a time. */
  listIndexes?: readonly string[] | undefined;
}

export function dynamoReportStore({ doc }: DynamoClients, tableName: string, options: ReportStoreOptions = {}): ReportStore {
  const listIndexes = new Set(options.listIndexes ?? LIST_INDEX_NAMES);
  async function get(regionId: string, id: string) {
    const items = await queryAll(doc, tableName, keys.reportPartition(regionId, id), { consistent: true });
    const reportItem = items.find((item) => item.SK === 'REPORT');
    if (!reportItem) return null;
    const timeline = inChainOrder(items).map((item) => strip<TimelineEntry>(item));
    const sealed = items.find((item) => item.SK === keys.reporterSeal(regionId, id).SK)?.sealed;
    return { report: { ...strip<StoredReport>(reportItem), ...(sealed ? { reporterSealed: sealed } : {}) }, timeline };
  }

  const headOfItem = (item: Record<string, any>) => ({
    status: item.status, timelineHash: item.timelineHash, timelineLength: Number(item.timelineLength ?? 0), createdAt: item.createdAt, statusKeyOnReport: item.GSI2PK !== undefined,
  });

  async function head(regionId: string, id: string): Promise<(Omit<ChainHead, 'timelineHash'> & { timelineHash?: string }) | null> {
    const { Item } = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.report(regionId, id),
        ConsistentRead: true,
        ProjectionExpression: '#s, timelineHash, timelineLength, createdAt, GSI2PK',
        ExpressionAttributeNames: { '#s': 'status' },
      }),
    );
    return Item ? headOfItem(Item) : null;
  }

  /** Computes the chain of a report stored before chains existed, once: every entry gets its hash and
   *  position, then the report its timelineHash and timelineMigratedAt (only if no one did it meanwhile). */
  async function migrate(regionId: string, id: string, at: string): Promise<ChainHead | null> {
    const items = await queryAll(doc, tableName, keys.reportPartition(regionId, id), { consistent: true });
    const reportItem = items.find((item) => item.SK === 'REPORT');
    if (!reportItem) return null;
    if (reportItem.timelineHash) return headOfItem(reportItem);
    const timeline = inChainOrder(items);
    const chained = chainEntries(id, timeline.map((item) => strip<TimelineEntry>(item)));
    // Each value is determined by the entries, so a migration cut short and run again writes the same.
    for (const [seq, item] of timeline.entries()) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: item.PK, SK: item.SK },
          // An entry with a personal value is salted by the chain it joins (a rerun finds the salt stored and reuses it).
          UpdateExpression: `SET #hash = :hash, seq = :seq${chained[seq]!.salt ? ', salt = :salt' : ''}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':hash': chained[seq]!.hash, ':seq': seq, ...(chained[seq]!.salt ? { ':salt': chained[seq]!.salt } : {}) },
        }),
      );
    }
    const timelineHash = chained.at(-1)?.hash ?? id;
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.report(regionId, id),
          UpdateExpression: 'SET timelineHash = :hash, timelineLength = :length, timelineMigratedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(timelineHash)',
          ExpressionAttributeValues: { ':hash': timelineHash, ':length': chained.length, ':at': at },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    const now = await head(regionId, id);
    return now?.timelineHash ? (now as ChainHead) : null;
  }

  return {
    get,

    migrate: async (regionId, id, at) => (await migrate(regionId, id, at)) !== null,

    async create(report, first, requestHash) {
      const order = keys.reportOrder(report.createdAt, report.id);
      const counters = createdCounters(report);
      // The first entry chains from the report's id.
      const [entry] = chainEntries(report.id, [first]);
      const { reporterSealed, ...reportFields } = report;
      // Built for each attempt, so that each adds to a fresh random shard of the counters.
      const items = () => [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.report(report.regionId, report.id),
              ...reportFields,
              ...(requestHash ? { requestHash } : {}),
              timelineHash: entry!.hash,
              timelineLength: 1,
              // Its sort key in the Overdue index, while it is there; its keys in GSI1 and GSI2 are on the small
              // items below, so that no transition rewrites the report in those indexes.
              GSI1SK: order,
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
        timelineItem(report.regionId, report.id, entry!, 0, tableName),
        // Its keys in GSI1 and the list indexes, apart from the report item, which every transition rewrites whole.
        { Put: { TableName: tableName, Item: listItem(report) } },
        { Put: { TableName: tableName, Item: statusItem(report) } },
        ...(reporterSealed ? [{ Put: { TableName: tableName, Item: { ...keys.reporterSeal(report.regionId, report.id), sealed: reporterSealed } } }] : []),
        ...[personItem(report)].filter((item) => item !== null).map((Item) => ({ Put: { TableName: tableName, Item } })),
        countersUpdate(tableName, report.regionId, report.electionId, counters),
        ...[followUpUpdate(tableName, report.regionId, report.electionId, counters)].filter((item) => item !== null),
        // The employee's OPD must be in the directory: checked by the transaction, not read before it.
        { ConditionCheck: { TableName: tableName, Key: keys.opd(report.regionId, report.employee.opdId), ConditionExpression: 'attribute_exists(PK)' } },
      ];
      try {
        // Retries of one submission sent at once collide: a moment later the one that won is there to compare with.
        await retry(() => doc.send(new TransactWriteCommand({ TransactItems: items() })), CONTENTION_RETRY);
        return { outcome: 'created', report: { ...report, timelineHash: entry!.hash } };
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

    list: (regionId, query) => listReports(doc, tableName, regionId, query, listIndexes),

    migrateListKeys: (regionId) => migrateListKeys(doc, tableName, regionId),

    async ofPerson(regionId, nip, max) {
      const { Items = [] } = await doc.send(new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.reportsOfPerson(regionId, nip) },
        ScanIndexForward: false,
        Limit: max + 1,
      }));
      const rows = Items.slice(0, max);
      const reports = (await reportsOfRows(doc, tableName, rows)).map((item) => strip<StoredReport>(item));
      // The index entry is written with the report and deleted with its NIP; the check costs nothing and keeps an
      // erased report (or another employee's) out of the record whatever happened in between.
      return { reports: reports.filter((report) => report.employee.nip === nip), truncated: Items.length > max };
    },

    saltChain: (regionId, id, at) => saltChain(doc, tableName, regionId, id, at),

    erasePersonalData: (report, erasure) => erasePersonalData(doc, tableName, report.regionId, report.id, erasure),

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

    async transition(change) {
      const { regionId, id } = change.report;
      // The chain's head is read first (consistently); the transaction then holds only if no entry came in between.
      const headOf = async (): Promise<ChainHead> => {
        const current = await head(regionId, id);
        if (!current || current.status !== change.from) throw new TransitionConflict('report');
        const chained = current.timelineHash === undefined ? await migrate(regionId, id, change.at) : (current as ChainHead);
        if (!chained || chained.status !== change.from) throw new TransitionConflict('report');
        return chained;
      };
      let chained = await headOf();
      for (let attempt = 1; ; attempt++) {
        const at = chained;
        try {
          // Built again for each attempt, so that each adds to a fresh random shard of the counters.
          await retry(() => doc.send(new TransactWriteCommand({ TransactItems: transitionItems(change, tableName, at).items })), CONTENTION_RETRY);
          return;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const reasons = error.CancellationReasons ?? [];
          const { recordIndex, onceIndex } = transitionItems(change, tableName, at);
          if (recordIndex >= 0 && reasons[recordIndex]?.Code === 'ConditionalCheckFailed') throw new TransitionConflict('decision');
          // Applied once already (its chain moved with it, so this is no chain race to go again on).
          if (onceIndex >= 0 && reasons[onceIndex]?.Code === 'ConditionalCheckFailed') throw new TransitionConflict('once');
          if (reasons[0]?.Code !== 'ConditionalCheckFailed') throw error;
          // The status moved on, or another condition on the report failed (a conflict); or only the chain did:
          // another entry was appended meanwhile, so go again from the new head.
          // (Or `report migrate` moved its status key off the report meanwhile: go again too.)
          chained = await headOf();
          const moved = chained.timelineHash !== at.timelineHash || chained.statusKeyOnReport !== at.statusKeyOnReport;
          if (!moved || attempt >= MAX_CHAIN_ATTEMPTS) throw new TransitionConflict('report');
        }
      }
    },

    async listByStatus(regionId, status, page) {
      // GSI2's keys, then the reports: a status item (or an earlier version's report item) names its report.
      const partition = keys.reportsByStatus(regionId, status);
      const result = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk',
          ProjectionExpression: 'PK, SK, GSI2PK, GSI2SK',
          ExpressionAttributeValues: { ':pk': partition },
          Limit: page.limit,
          ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'GSI2PK', partition) } : {}),
        }),
      );
      // A report whose status moved on a moment ago (the index lags its table) is not this status's.
      const reports = await reportsOfRows(doc, tableName, result.Items ?? []);
      return {
        items: reports.filter((item) => item.status === status).map((item) => strip<StoredReport>(item)),
        nextCursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : null,
      };
    },

    async countRound(regionId, id, execution) {
      // On an item of its own, beside the report, in no index: a round writes 1 unit.
      const key = keys.reportRounds(regionId, id);
      try {
        const { Attributes } = await doc.send(new UpdateCommand({
          TableName: tableName, Key: key, UpdateExpression: 'ADD rounds :one', ConditionExpression: 'roundsOf = :execution',
          ExpressionAttributeValues: { ':one': 1, ':execution': execution }, ReturnValues: 'UPDATED_NEW',
        }));
        return Number(Attributes?.rounds ?? 1);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // Another execution's count (or none yet): this execution starts at one, or goes on from the count an earlier
        // version kept on the report item for it. The report must exist.
        const { Item: report } = await doc.send(new GetCommand({
          TableName: tableName, Key: keys.report(regionId, id), ConsistentRead: true, ProjectionExpression: 'roundsOf, rounds',
        }));
        if (!report) throw new Error(`report ${regionId}/${id} does not exist`);
        const rounds = report.roundsOf === execution ? Number(report.rounds ?? 0) + 1 : 1;
        await doc.send(new PutCommand({ TableName: tableName, Item: { ...key, roundsOf: execution, rounds } }));
        return rounds;
      }
    },

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

    async releaseClaim(regionId, id, name, at) {
      try {
        await doc.send(new DeleteCommand({
          TableName: tableName, Key: keys.claim(regionId, id, name), ConditionExpression: '#at = :at', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': at },
        }));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error; // taken over since: not ours to give back
      }
    },

    async markNoticeFailed(regionId, id, event, at) {
      await doc.send(new PutCommand({
        TableName: tableName,
        Item: { ...keys.noticeFailed(regionId, id, event), GSI2PK: keys.noticesFailed(regionId), GSI2SK: `${at}#${id}#${event}`, regionId, reportId: id, event, failedAt: at },
      }));
    },

    async failedNotices(regionId, page) {
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

    async clearNoticeFailed({ regionId, reportId, event, failedAt }) {
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

    async ofPeriod(regionId, from, to) {
      // An index's keys in a sort-key range, a page (1 MB) at a time, at most 100 pages; then the reports.
      const reportsIn = async (indexName: 'GSI1' | 'GSI2', partition: string) => {
        const rows: Record<string, any>[] = [];
        let start: Record<string, unknown> | undefined;
        for (let page = 0; page < 100; page++) {
          const result = await doc.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: indexName,
              KeyConditionExpression: `${indexName}PK = :pk AND ${indexName}SK BETWEEN :from AND :to`,
              ProjectionExpression: 'PK',
              ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': to },
              ExclusiveStartKey: start,
            }),
          );
          rows.push(...(result.Items ?? []));
          start = result.LastEvaluatedKey;
          if (!start) break;
        }
        return (await reportsOfRows(doc, tableName, rows)).map((item) => strip<StoredReport>(item));
      };
      // Received: GSI1's range (GSI1SK starts with createdAt). Newly overdue: the overdue marks' range in GSI2
      // (GSI2SK starts with overdueAt), listed in the reports' order as the received ones are.
      const [received, overdue] = await Promise.all([reportsIn('GSI1', keys.reportsOfRegion(regionId)), reportsIn('GSI2', keys.reportsOverdueSince(regionId))]);
      const order = (report: StoredReport) => keys.reportOrder(report.createdAt, report.id);
      return {
        received: received.filter((r) => r.createdAt < to),
        overdue: overdue.filter((r) => r.overdueAt !== undefined && r.overdueAt < to).sort((a, b) => (order(a) < order(b) ? -1 : 1)),
      };
    },

    async digestSentAt(regionId, date) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.digest(regionId, date), ConsistentRead: true }));
      return (Item?.sentAt as string | undefined) ?? null;
    },

    async markDigestSent(regionId, date, at) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.digest(regionId, date), sentAt: at } }));
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
