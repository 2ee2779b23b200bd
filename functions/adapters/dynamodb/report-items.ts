// The items a report's writes are made of: a transition's one transaction (the report's update with its
// conditions, the decision record's change, the counters' shard, the chained timeline entries), and the
// timeline and decision items themselves.
import { CLOSED_STATUSES } from '#domain/codes';
import { ulid } from '#domain/ids';
import { followUpDeltas, overdueGuard, transitionDeltas } from '#domain/counters';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';
import { chainEntries } from '#domain/timeline-chain';
import type { ReportTransition } from '#domain/transition';
import type { DecisionRecord } from '#domain/decision-record';
import { keys } from './keys.ts';
import { OVERDUE_KEY, overdueItem, statusItem } from './report-list.ts';


/** Decision records stay readable (410 rather than 404) for a while after their link expired. */
const DECISION_RETENTION_SECONDS = 90 * 86400;

/** Every transaction that changes counters adds to one of this many items, chosen at random per attempt, so that
 *  concurrent transactions of a region rarely meet on one (README "The counters' item"); reads sum them. */
export const STATS_SHARDS = 8;

/** The counters' part of a transaction: ADD each delta on one shard of the region's election counters. */
export function countersUpdate(tableName: string, regionId: string, electionId: string, deltas: ReadonlyMap<string, number>) {
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

/** The national view's part of a transaction: a recommendation's follow-up deltas (domain/counters.ts
 *  followUpDeltas) ADDed on its region's one follow-up item of the election; null when the change has none. The item
 *  is not sharded: only recommendations write it, a few a day per region (docs/national.md). */
export function followUpUpdate(tableName: string, regionId: string, electionId: string, deltas: ReadonlyMap<string, number>) {
  const entries = [...followUpDeltas(deltas)];
  if (!entries.length) return null;
  return {
    Update: {
      TableName: tableName,
      Key: keys.followUp(electionId, regionId),
      UpdateExpression: `SET regionId = :region ADD ${entries.map((_, i) => `#f${i} :f${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
      ExpressionAttributeValues: { ':region': regionId, ...Object.fromEntries(entries.map(([, delta], i) => [`:f${i}`, delta])) },
    },
  };
}

/** A timeline entry's item: the entry with its hash and its position in the chain (`seq`, from 0). */
export function timelineItem(regionId: string, reportId: string, entry: TimelineEntry & { hash: string }, seq: number, tableName: string) {
  const entryId = `${entry.at}#${ulid()}`;
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.timeline(regionId, reportId, entryId), ...entry, seq },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The end of a report's chain as stored: what the next entries hash from, and how many there are; and what a
 *  transition that moves the status needs to write the report's status item. */
export interface ChainHead {
  status: StoredReport['status'];
  timelineHash: string;
  timelineLength: number;
  createdAt: string;
  /** A report item of an earlier version carries its GSI2 key itself (until `report migrate` moves it). */
  statusKeyOnReport: boolean;
}

/** Timeline items in chain order: by `seq`, which every entry has once its report's chain exists; older
 *  entries (not yet migrated) by their sort key, the order they were always read in. */
export function inChainOrder(items: Record<string, any>[]): Record<string, any>[] {
  const timeline = items.filter((item) => String(item.SK).startsWith(keys.timelinePrefix));
  return timeline.every((item) => typeof item.seq === 'number')
    ? timeline.sort((a, b) => a.seq - b.seq)
    : timeline.sort((a, b) => (a.SK < b.SK ? -1 : a.SK > b.SK ? 1 : 0));
}

/** The decision record's item: the record, its key, and a TTL some time after the link expired. */
export function decisionItem(record: DecisionRecord) {
  return {
    ...keys.decision(record.key),
    ...record,
    expiration: Math.floor(new Date(record.expiresAt).getTime() / 1000) + DECISION_RETENTION_SECONDS,
  };
}

export function transitionItems(change: ReportTransition, tableName: string, head: ChainHead) {
  const { report, from, to, at } = change;
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': from, ':at': at, ':one': 1, ':prev': head.timelineHash };
  const sets = ['updatedAt = :at'];
  // The chain goes on from the head this transition read; the condition below makes a concurrent append lose.
  const entries = chainEntries(head.timelineHash, change.timeline);
  if (entries.length) {
    sets.push('timelineHash = :last', 'timelineLength = :length');
    values[':last'] = entries.at(-1)!.hash;
    values[':length'] = head.timelineLength + entries.length;
  }
  if (change.followUpDueAt) {
    sets.push('followUpDueAt = if_not_exists(followUpDueAt, :due)');
    values[':due'] = change.followUpDueAt;
  }
  const moves = to !== undefined && to !== from;
  const conditions = ['#status = :from', 'timelineHash = :prev'];
  // The report's key in GSI2 moves with its status: on its status item, or on an earlier version's report item
  // itself, whichever the head read saw (the condition makes a migration in between send it back to read again).
  let statusKey: unknown;
  if (moves) {
    sets.push('#status = :to');
    values[':to'] = to;
    if (head.statusKeyOnReport) {
      sets.push('GSI2PK = :byStatus');
      values[':byStatus'] = keys.reportsByStatus(report.regionId, to);
      conditions.push('attribute_exists(GSI2PK)');
    } else {
      statusKey = { Put: { TableName: tableName, Item: statusItem({ ...report, createdAt: head.createdAt, status: to }) } };
      conditions.push('attribute_not_exists(GSI2PK)');
    }
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
  const removes: string[] = [];
  if (change.appeal) {
    // Written whole, only over the state it was computed from: a change read from an older state loses.
    const { version, sanction, sanctionHistory, appeals } = change.appeal;
    sets.push('appealsVersion = :appealsNext', 'sanctionHistory = :history', 'appeals = :appeals');
    values[':appealsNext'] = version + 1;
    values[':history'] = sanctionHistory;
    values[':appeals'] = appeals;
    if (sanction) {
      sets.push('sanction = :sanction');
      values[':sanction'] = sanction;
    } else removes.push('sanction');
    if (version === 0) conditions.push('attribute_not_exists(appealsVersion)');
    else {
      conditions.push('appealsVersion = :appealsVersion');
      values[':appealsVersion'] = version;
    }
  }
  if (change.bawasluNotifiedAt) {
    sets.push('bawasluNotifiedAt = :notified');
    values[':notified'] = change.bawasluNotifiedAt;
  }
  // The overdue index holds a report while it is overdue and open: its key comes with the mark, in this same
  // write, and goes with the transition that closes the report (a no-op for one that never was overdue).
  if (moves && CLOSED_STATUSES.includes(to)) removes.push(OVERDUE_KEY);
  else if (change.overdueAt) {
    sets.push(`${OVERDUE_KEY} = :overdueKey`);
    values[':overdueKey'] = keys.overdueReports(report.regionId);
  }
  if (change.overdueAt) {
    sets.push('overdueAt = :overdueAt');
    values[':overdueAt'] = change.overdueAt;
  }
  const expectOverdue = overdueGuard(change);
  if (expectOverdue !== undefined) conditions.push(expectOverdue ? 'attribute_exists(overdueAt)' : 'attribute_not_exists(overdueAt)');
  if (change.nationalAction) {
    sets.push('nationalActions = list_append(if_not_exists(nationalActions, :noActions), :action)');
    values[':noActions'] = [];
    values[':action'] = [change.nationalAction];
  }
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
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''} ADD version :one`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  ];

  if (statusKey) items.push(statusKey);
  // The mark of when it became overdue, for the daily digest: overdueAt is set once (overdueGuard: false).
  if (change.overdueAt) items.push({ Put: { TableName: tableName, Item: overdueItem(report, change.overdueAt) } });

  const deltas = transitionDeltas(change);
  if (deltas.size) items.push(countersUpdate(tableName, report.regionId, report.electionId, deltas));
  const followUp = followUpUpdate(tableName, report.regionId, report.electionId, deltas);
  if (followUp) items.push(followUp);
  entries.forEach((entry, i) => items.push(timelineItem(report.regionId, report.id, entry, head.timelineLength + i, tableName)));
  let onceIndex = -1;
  if (change.once) {
    // A retried mark whose first attempt landed after all (a timed-out call DynamoDB still applied) writes nothing.
    onceIndex = items.length;
    items.push({ Put: { TableName: tableName, Item: { ...keys.once(report.regionId, report.id, change.once), at }, ConditionExpression: 'attribute_not_exists(PK)' } });
  }

  // The decision record's items come last: a failed condition from recordIndex on is the record's (report-store.ts).
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
      // The round's first record points at the newest one: any key of the round reaches it in a few reads.
      if (to.origin && to.origin !== key) {
        items.push({
          Update: {
            TableName: tableName,
            Key: keys.decision(to.origin),
            UpdateExpression: 'SET handedTo = :next',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':next': to.key },
          },
        });
      }
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
