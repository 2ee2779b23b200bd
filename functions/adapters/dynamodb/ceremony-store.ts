// Ceremonies and their pledge counters in DynamoDB; signatures are added through the one signature writer
// (signature-writer.ts), which keeps the counters exact.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { signatureKey, type StoredCeremony, type PledgeCounters } from '#domain/ceremony.schema';
import type { PersonSignature } from '#domain/people.schema';
import { CEREMONY_KINDS } from '#domain/pledges';
import { ELECTION_IDS } from '#domain/elections';
import type { CeremonyStore } from '#ports';
import { dictionary } from '#domain/own';
import { batchDeleteAll, batchGetAll, transact } from './batch-io.ts';
import { ERASED } from '#domain/personal-data';
import type { DynamoClients } from './client.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { signatureWriter, type SignatureWriterOptions } from './signature-writer.ts';

const INTERNAL = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);
function toCeremony(item: Record<string, any>): StoredCeremony {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.has(name))) as StoredCeremony;
}

export function dynamoCeremonyStore({ doc }: DynamoClients, tableName: string, options: SignatureWriterOptions = {}): CeremonyStore {
  const queryAllUnder = (pk: string, prefix: string) => queryAll(doc, tableName, pk, { skPrefix: prefix, consistent: true });

  async function get(regionId: string, id: string) {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.ceremony(regionId, id), ConsistentRead: true }));
    return Item ? toCeremony(Item) : null;
  }

  return {
    get,

    async create(ceremony) {
      const { regionId, electionId } = ceremony;
      const counters =
        ceremony.kind === 'DEKLARASI_KEPALA_DAERAH' || ceremony.opdIds.length === 0
          ? [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.pledgeRegion(regionId, electionId),
                  UpdateExpression: `ADD ${ceremony.kind === 'IKRAR_ASN' ? 'regionWideCeremonies' : 'declarations'} :one`,
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ]
          : ceremony.opdIds.map((opdId) => ({
              Update: {
                TableName: tableName,
                Key: keys.pledgeOpd(regionId, electionId, opdId),
                UpdateExpression: 'SET opdId = :opd ADD ceremonies :one',
                ExpressionAttributeValues: { ':opd': opdId, ':one': 1 },
              },
            }));
      try {
        await transact(doc, [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.ceremony(regionId, ceremony.id), ...ceremony },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...counters,
        ]);
        return { created: true, ceremony };
      } catch (error) {
        const exists = error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
        if (!exists) throw error;
        const stored = await get(regionId, ceremony.id);
        if (!stored) throw error;
        return { created: false, ceremony: stored };
      }
    },

    async list(regionId) {
      return (await queryAllUnder(keys.region(regionId).PK, keys.ceremonyPrefix)).map(toCeremony);
    },

    async signatoryCounts(regionId, electionId) {
      const counts = dictionary<number>();
      for (const item of await queryAllUnder(keys.region(regionId).PK, keys.pledgeCeremonyPrefix(electionId))) {
        counts[item.ceremonyId] = (counts[item.ceremonyId] ?? 0) + Number(item.signatories ?? 0);
      }
      return counts;
    },

    addSignatures: signatureWriter(doc, tableName, options, get),

    async eraseSignatures(ceremony, at) {
      const partition = keys.signature(ceremony.regionId, ceremony.electionId, ceremony.kind, '').PK;
      let erased = 0;
      let start: Record<string, unknown> | undefined;
      // Bounded: pages of up to 1 MB of the election's signatures, at most 10,000 of them (millions of rows).
      for (let page = 0; page < 10_000; page++) {
        const result = await doc.send(new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          FilterExpression: 'ceremonyId = :ceremony',
          ProjectionExpression: 'PK, SK',
          ExpressionAttributeValues: { ':pk': partition, ':ceremony': ceremony.id },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }));
        const found = result.Items ?? [];
        await batchDeleteAll(doc, tableName, found);
        erased += found.length;
        start = result.LastEvaluatedKey;
        if (!start) break;
      }
      // Marked last: a run cut short finds the rest next time; the counters (pledge coverage) are other items.
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName,
          Key: keys.ceremony(ceremony.regionId, ceremony.id),
          UpdateExpression: 'SET leader.#name = :erased, personalDataErasedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(personalDataErasedAt)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':erased': ERASED, ':at': at },
        }));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      return erased;
    },

    async signaturesOf(regionId, nip) {
      // One key per election and text: the signature items are keyed by NIP (signatureKey), so a person's are
      // read by key, with no index to keep.
      const wanted = ELECTION_IDS.flatMap((electionId) => CEREMONY_KINDS.map((kind) => ({ electionId, kind })));
      const partitions = new Map(wanted.map((w) => [keys.signature(regionId, w.electionId, w.kind, '').PK, w]));
      const items = await batchGetAll(doc, tableName, wanted.map((w) => keys.signature(regionId, w.electionId, w.kind, signatureKey({ nip, name: '', opdId: '' }))));
      return items
        .map((item): PersonSignature => ({
          ...partitions.get(item.PK)!, ceremonyId: item.ceremonyId, name: item.name, opdId: item.opdId, employmentType: item.employmentType, signedAt: item.signedAt,
          ...(item.position ? { position: item.position } : {}),
        }))
        .sort((a, b) => (a.signedAt < b.signedAt ? 1 : a.signedAt > b.signedAt ? -1 : 0));
    },

    async counters(regionId, electionId) {
      const pk = keys.region(regionId).PK;
      const [opdItems, { Item: region }] = await Promise.all([
        queryAllUnder(pk, keys.pledgeOpdPrefix(electionId)),
        doc.send(new GetCommand({ TableName: tableName, Key: keys.pledgeRegion(regionId, electionId), ConsistentRead: true })),
      ]);
      const result: PledgeCounters = {
        opds: dictionary(),
        regionWideCeremonies: Number(region?.regionWideCeremonies ?? 0),
        declarations: Number(region?.declarations ?? 0),
      };
      for (const item of opdItems) {
        const opd = (result.opds[item.opdId] ??= { ceremonies: 0, signatories: 0 });
        opd.ceremonies += Number(item.ceremonies ?? 0);
        opd.signatories += Number(item.signatories ?? 0);
      }
      return result;
    },
  };
}
