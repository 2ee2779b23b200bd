// The access log in DynamoDB: one item per answer that named a person, in the partition of what it named (a
// report, a person, or the region's list pages), kept until its TTL; and each API key's distinct reports per hour.
// Entries arrive from the journal in batches (ADR 0404): written 25 a call, each keyed by its own id.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { AccessLog, AccessLogWriter } from '#ports';
import type { KeyHourReads, AccessEntry } from '#domain/personal-data.schema';
import { batchPutAll } from './batch-io.ts';
import type { DynamoClients } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';

export interface AccessLogWriterOptions {
  /** The unusual-reads alarm's threshold: a key's set of reports in an hour stops growing just above it. */
  distinctReportsCap: number;
}

/** A key's hourly set outlives its hour by this much, then DynamoDB deletes it. */
const KEY_READS_TTL_SECONDS = 2 * 3600;
/** The (key, hour, report) triples this runtime has already added to their set, at most this many: a report read
 *  again by the same key within the hour writes only its entry (the set would not change). */
const COUNTED_MAX = 5_000;

const partitionOf = (regionId: string, entry: AccessEntry) =>
  entry.reportId ? keys.accessOfReport(regionId, entry.reportId) : entry.nip ? keys.accessOfPerson(regionId, entry.nip) : keys.accessOfRegion(regionId);

/** The log's pages, as the answers that list it read them. */
export function dynamoAccessLogPages({ doc }: DynamoClients, tableName: string): Pick<AccessLog, 'ofReport' | 'ofPerson'> {
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
  return {
    ofReport: (regionId, reportId, page) => pageOf(keys.accessOfReport(regionId, reportId), page),
    ofPerson: (regionId, nip, page) => pageOf(keys.accessOfPerson(regionId, nip), page),
  };
}

export function dynamoAccessLogWriter({ doc }: DynamoClients, tableName: string, options: AccessLogWriterOptions): AccessLogWriter {
  const counted = new Set<string>();

  /** Adds a key's newly read reports of one hour to its set, in one bounded write; answers the set's size. */
  async function countReads(keyId: string, hour: string, reportIds: string[]): Promise<number> {
    try {
      const { Attributes } = await doc.send(new UpdateCommand({
        TableName: tableName,
        Key: keys.keyReads(keyId, hour),
        UpdateExpression: 'ADD reports :ids SET expiration = if_not_exists(expiration, :exp)',
        // Bounded: past the cap the set stops growing (the alarm has fired by then), so the item stays small.
        ConditionExpression: 'attribute_not_exists(reports) OR size(reports) < :cap',
        ExpressionAttributeValues: {
          ':ids': new Set(reportIds), ':cap': options.distinctReportsCap,
          ':exp': Math.floor(Date.parse(`${hour}:00:00.000Z`) / 1000) + 3600 + KEY_READS_TTL_SECONDS,
        },
        ReturnValues: 'UPDATED_NEW',
      }));
      return Math.min((Attributes?.reports as Set<string> | undefined)?.size ?? reportIds.length, options.distinctReportsCap);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return options.distinctReportsCap;
      throw error;
    }
  }

  return {
    async write(entries) {
      // One item per id, whatever a redelivery doubled (a batch call refuses two puts of one key).
      const unique = [...new Map(entries.map((journalled) => [journalled.id, journalled])).values()];
      await batchPutAll(doc, tableName, unique.map(({ regionId, id, entry, expiresAt }) => ({
        PK: partitionOf(regionId, entry), SK: `${entry.at}#${id}`, ...entry, regionId, expiration: Math.floor(expiresAt.getTime() / 1000),
      })), () => undefined);

      // Then the hourly sets: the entries are in the table first, so a set never counts a read the log lacks.
      const fresh = new Map<string, { keyId: string; hour: string; reportIds: Set<string> }>();
      for (const { entry } of unique) {
        if (!entry.reportId) continue;
        const hour = entry.at.slice(0, 13);
        const keyHour = `${entry.keyId}\n${hour}`;
        if (counted.has(`${keyHour}\n${entry.reportId}`)) continue;
        const group = fresh.get(keyHour) ?? { keyId: entry.keyId, hour, reportIds: new Set<string>() };
        group.reportIds.add(entry.reportId);
        fresh.set(keyHour, group);
      }
      const reads: KeyHourReads[] = [];
      for (const { keyId, hour, reportIds } of fresh.values()) {
        reads.push({ keyId, hour, distinctReports: await countReads(keyId, hour, [...reportIds]) });
        if (counted.size + reportIds.size > COUNTED_MAX) counted.clear();
        for (const reportId of reportIds) counted.add(`${keyId}\n${hour}\n${reportId}`);
      }
      return reads;
    },
  };
}
