// The report repository in DynamoDB: one item per report, append-only timeline items beside it, small items that
// carry its index keys (list, status, overdue mark) and its rounds counter, a receipt item for public tracking, and
// per-election counters, written together in one transaction. (The reads across reports: report-queries.ts.)
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransitionConflict } from '#domain/errors';
import { isContention } from '#support/faults';
import { retry } from '#support/retry';
import { CONTENTION_BUDGET_MS } from '#support/time-budget';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';
import { chainEntries } from '#domain/timeline-chain';
import type { ReportStore } from '#ports';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { erasePersonalData } from './report-erasure.ts';
import { listItem, personItem, statusItem, strip } from './report-list.ts';
import { createdCounters } from '#domain/counters';
import { countersUpdate, followUpUpdate, inChainOrder, timelineItem, transitionItems, type ChainHead } from './report-items.ts';
import { reportChains } from './report-chain.ts';

/** A transition tries again while only the chain moved on (another entry was appended meanwhile), this many times. */
const MAX_CHAIN_ATTEMPTS = 8;
/** A transaction that met another on an item (TransactionConflict) or was throttled applied nothing: tried
 *  again with jitter, within the contention budget, then answered 503 (support/faults.ts). */
const CONTENTION_RETRY = { attempts: 6, baseDelayMs: 20, maxDelayMs: 400, budgetMs: CONTENTION_BUDGET_MS, retryable: isContention } as const;

export function dynamoReportStore({ doc }: DynamoClients, tableName: string): ReportStore {
  const chains = reportChains(doc, tableName);

  async function get(regionId: string, id: string) {
    const items = await queryAll(doc, tableName, keys.reportPartition(regionId, id), { consistent: true });
    const reportItem = items.find((item) => item.SK === 'REPORT');
    if (!reportItem) return null;
    const timeline = inChainOrder(items).map((item) => strip<TimelineEntry>(item));
    const sealed = items.find((item) => item.SK === keys.reporterSeal(regionId, id).SK)?.sealed;
    return { report: { ...strip<StoredReport>(reportItem), ...(sealed ? { reporterSealed: sealed } : {}) }, timeline };
  }

  return {
    get,

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

    async transition(change) {
      const { regionId, id } = change.report;
      // The chain's head is read first (consistently); the transaction then holds only if no entry came in between.
      const headOf = async (): Promise<ChainHead> => {
        const current = await chains.head(regionId, id);
        if (!current || current.status !== change.from) throw new TransitionConflict('report');
        const chained = current.timelineHash === undefined ? await chains.migrate(regionId, id, change.at) : (current as ChainHead);
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
          // The record's own condition, or (a hand-over) the new record's or the round's first record's: the record's
          // items come last.
          if (recordIndex >= 0 && reasons.slice(recordIndex).some((r) => r?.Code === 'ConditionalCheckFailed')) throw new TransitionConflict('decision');
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

    // A report stored before chains existed gets its chain first, as a transition does.
    erasePersonalData: (report, erasure) => erasePersonalData(doc, tableName, report.regionId, report.id, erasure, () => chains.migrate(report.regionId, report.id, erasure.at)),

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
  };
}
