// The access log in DynamoDB: one item per answer that named a person, in the partition of what it named (a
// report, a person, or the region's list pages), kept until its TTL; and each API key's distinct reports per hour.
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ulid } from '#domain/ids';
import type { AccessLog } from '#ports';
import type { AccessEntry } from '#domain/personal-data.schema';
import type { DynamoClients } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';

export interface AccessLogOptions {
  /** How long an entry is kept (seconds): its TTL. */
  retentionSeconds: number;
  /** The unusual-reads alarm's threshold: a key's set of reports in an hour stops growing just above it. */
  distinctReportsCap: number;
}

/** A key's hourly set outlives its hour by this much, then DynamoDB deletes it. */
const KEY_READS_TTL_SECONDS = 2 * 3600;
/** The (key, hour, report) triples this runtime has already added to their set, at most this many: a report read
 *  again by the same key within the hour writes only its entry (the set would not change), so a busy reader
 *  costs one write per read, not two. */
const COUNTED_MAX = 5_000;

export function dynamoAccessLog({ doc }: DynamoClients, tableName: string, options: AccessLogOptions): AccessLog {
  const partitionOf = (regionId: string, entry: AccessEntry) =>
    entry.reportId ? keys.accessOfReport(regionId, entry.reportId) : entry.nip ? keys.accessOfPerson(regionId, entry.nip) : keys.accessOfRegion(regionId);

  async function pageOf(partition: string, page: { limit: number; cursor?: string | undefined }) {
    const result = await doc.send(new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'PK', partition) } : {}),
    }));
    return {
      items: (result.Items ?? []).map((item): AccessEntry => ({
        at: item.at, keyId: item.keyId, route: item.route,
        ...(item.reportId ? { reportId: item.reportId } : {}), ...(item.nip ? { nip: item.nip } : {}),
      })),
      nextCursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : null,
    };
  }

  const counted = new Map<string, number>();
  async function countRead(keyId: string, reportId: string, at: string): Promise<number | undefined> {
    const hour = at.slice(0, 13);
    const triple = `${keyId}\n${hour}\n${reportId}`;
    if (counted.has(triple)) return undefined;
    try {
      const { Attributes } = await doc.send(new UpdateCommand({
        TableName: tableName,
        Key: keys.keyReads(keyId, hour),
        UpdateExpression: 'ADD reports :id SET expiration = if_not_exists(expiration, :exp)',
        // Bounded: past the cap the set stops growing (the alarm has fired by then), so the item stays small.
        ConditionExpression: 'attribute_not_exists(reports) OR size(reports) < :cap OR contains(reports, :one)',
        ExpressionAttributeValues: {
          ':id': new Set([reportId]), ':one': reportId, ':cap': options.distinctReportsCap,
          ':exp': Math.floor(new Date(at).getTime() / 1000) + KEY_READS_TTL_SECONDS,
        },
        ReturnValues: 'UPDATED_NEW',
      }));
      if (counted.size >= COUNTED_MAX) counted.clear();
      counted.set(triple, 1);
      return (Attributes?.reports as Set<string> | undefined)?.size ?? 1;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return options.distinctReportsCap;
      throw error;
    }
  }

  return {
    async record(regionId, entry) {
      const expiration = Math.floor(new Date(entry.at).getTime() / 1000) + options.retentionSeconds;
      const put = doc.send(new PutCommand({
        TableName: tableName,
        Item: { PK: partitionOf(regionId, entry), SK: `${entry.at}#${ulid()}`, ...entry, regionId, expiration },
      }));
      if (!entry.reportId) {
        await put;
        return {};
      }
      const [, distinct] = await Promise.all([put, countRead(entry.keyId, entry.reportId, entry.at)]);
      return distinct === undefined ? {} : { distinctReportsThisHour: distinct };
    },

    ofReport: (regionId, reportId, page) => pageOf(keys.accessOfReport(regionId, reportId), page),
    ofPerson: (regionId, nip, page) => pageOf(keys.accessOfPerson(regionId, nip), page),
  };
}
