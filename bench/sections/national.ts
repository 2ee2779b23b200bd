// National: what the national follow-up read costs (read units and latency, through the national store, two
// queries) at 50 and 545 regions and at 100 and 10,000 reports in one region, and the write units a recommendation
// adds to a report's intake and close (its region's follow-up item, its list item's key in the body's index).
// The read must not grow with reports (budget 1.1x); it grows with regions, one small item each. Regions and
// reports are written in batches, as the store leaves them (a loaded machine writes 10,000 transactions in hours).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients, type DynamoClients } from '../../functions/adapters/dynamodb/client.ts';
import { dynamoNationalStore } from '../../functions/adapters/dynamodb/national-store.ts';
import { dynamoRegionStore } from '../../functions/adapters/dynamodb/region-store.ts';
import { dynamoReportStore } from '../../functions/adapters/dynamodb/report-store.ts';
import { batchPutAll } from '../../functions/adapters/dynamodb/batch-io.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { listItem } from '../../functions/adapters/dynamodb/report-list.ts';
import { receiptCode, ulid } from '../../functions/domain/ids.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { ensureTable } from '../../infra/local/tables.ts';
import { DEMO_REPORT } from '../../infra/local/demo-data.ts';
import { quartiles, round, type BenchResult, type BenchSection } from '../support/section.ts';

const SMALL = 100;
const LARGE = Math.max(SMALL * 2, Number(process.env.BENCH_NATIONAL_LARGE ?? 10_000));
const FEW_REGIONS = 50;
const ALL_REGIONS = 545;
const BUDGET = 1.1;
const TABLE = 'bench-national';
const READS = 7;

/** Counts the consumed capacity of every call made through these clients (the seeding's with a patient timeout:
 *  a loaded machine's DynamoDB Local may take longer than a request's budget to write thousands of reports). */
function metered(endpoint: string, patient = false) {
  const clients = createDynamoClients({ endpoint, region: 'ap-southeast-3', local: true });
  if (patient) {
    const client = new DynamoDBClient({ region: 'ap-southeast-3', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 5, requestHandler: { requestTimeout: 60_000 } });
    clients.client.destroy();
    Object.assign(clients, { client, doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) });
  }
  const units = { read: 0, write: 0 };
  clients.client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = ([] as { CapacityUnits?: number }[]).concat((result.output as { ConsumedCapacity?: never }).ConsumedCapacity ?? []);
      const total = consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (/^(Get|Query|Scan|BatchGet|TransactGet)/.test(String(context.commandName))) units.read += total;
      else units.write += total;
      return result;
    },
    { step: 'initialize', name: 'benchNational' },
  );
  return { clients, units };
}

/** A region id of the bench: 11.01 ... (10 + i/99).(i%99+1), never a demo region's. */
const regionIdOf = (i: number) => `${String(11 + Math.floor(i / 99)).padStart(2, '0')}.${String((i % 99) + 1).padStart(2, '0')}`;

function report(regionId: string, n: number, recommendation: boolean): StoredReport {
  const at = new Date(Date.UTC(2024, 9, 1) + n * 60_000).toISOString();
  return {
    ...(structuredClone(DEMO_REPORT) as object),
    id: ulid(Date.parse(at)), receiptCode: receiptCode(), regionId, electionId: 'pilkada-2024', stage: 'KAMPANYE', status: 'AWAITING_BKPP_ASSESSMENT',
    decisions: [], createdAt: at, updatedAt: at,
    ...(recommendation ? { source: { kind: 'BKN_RECOMMENDATION', number: `REK-${n}`, issuedAt: '2024-09-30' }, nationalBody: 'BKN' } : { source: { kind: 'INTERNAL' } }),
  } as unknown as StoredReport;
}

/** Regions i = from..to-1 with their follow-up item, written as the store leaves them (a region item in GSI1
 *  REGIONS; counters of a few recommendations, a days histogram bucket), in batches: the read's cost depends on
 *  these items alone. */
async function addRegions(clients: DynamoClients, from: number, to: number) {
  const items = Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const id = regionIdOf(i);
    return [
      { ...keys.region(id), id, name: `Kabupaten Bench ${i}`, agencyName: 'BKPSDM', GSI1PK: keys.regions, GSI1SK: id },
      { ...keys.followUp('pilkada-2024', id), regionId: id, recommendations: 3, closed: 2, closedOnTime: 1, overdue: 1, [`daysToClose_${i % 30}`]: 2, action_TEGURAN: i % 2 },
    ];
  }).flat();
  await batchPutAll(clients.doc, TABLE, items, () => undefined);
}

/** Bantul's reports n = from..to-1, every fourth a BKN recommendation: the report item and its list item as the
 *  intake writes them (keys in GSI1, the list indexes and, for a recommendation, the body's GSI2), in batches. */
async function addReports(clients: DynamoClients, from: number, to: number) {
  const items = Array.from({ length: to - from }, (_, k) => {
    const n = from + k;
    const r = report('34.02', 100_000 + n, n % 4 === 0);
    return [{ ...keys.report(r.regionId, r.id), ...r, GSI1SK: keys.reportOrder(r.createdAt, r.id) }, listItem(r)];
  }).flat();
  await batchPutAll(clients.doc, TABLE, items, () => undefined);
}

/** The follow-up read, READS times: its read units (the same each time) and its latency quartiles. */
async function followUpRead(endpoint: string) {
  const { clients, units } = metered(endpoint);
  const store = dynamoNationalStore(clients, TABLE);
  const ms: number[] = [];
  let regions = 0;
  let rcu = 0;
  for (let i = 0; i < READS; i++) {
    units.read = 0;
    const started = performance.now();
    regions = (await store.followUp('pilkada-2024')).length;
    ms.push(performance.now() - started);
    rcu = units.read;
  }
  clients.client.destroy();
  return { rcu, regions, ...quartiles(ms) };
}

/** Write units of a report's intake and of its close, as an INTERNAL report and as a national recommendation. */
async function recommendationWrites(endpoint: string) {
  const { clients, units } = metered(endpoint);
  const reports = dynamoReportStore(clients, TABLE);
  const measure = async (recommendation: boolean, n: number) => {
    const r = report('34.02', 900_000 + n, recommendation);
    units.write = 0;
    await reports.create(r, { at: r.createdAt, actor: 'REPORTER', action: 'SUBMITTED', status: r.status });
    const created = units.write;
    units.write = 0;
    const at = new Date(Date.parse(r.createdAt) + 3 * 86_400_000).toISOString();
    await reports.transition({
      // The BKPP's dismissal: its follow-up counters follow from the decision (domain/counters.ts).
      report: r, from: r.status, to: 'DISMISSED', at, decision: { step: 'BKPP_ASSESSMENT', outcome: 'DISMISS', by: { name: 'BKPP', role: 'BKPP' }, at },
      timeline: [{ at, actor: 'BKPP', action: 'DISMISSED', status: 'DISMISSED' }],
    });
    return { created, closed: units.write };
  };
  const internal = await measure(false, 1);
  const recommendation = await measure(true, 2);
  clients.client.destroy();
  return { internal, recommendation };
}

export const national: BenchSection = {
  name: 'national',
  description: `follow-up read units and latency at ${FEW_REGIONS} and ${ALL_REGIONS} regions, at ${SMALL} and ${LARGE.toLocaleString('en-US')} reports in one region; write units a recommendation adds`,
  async run({ log }) {
    const dynamo = await startDynamoLocal();
    const { clients } = metered(dynamo.endpoint, true);
    try {
      await ensureTable(clients.client, TABLE);
      await dynamoRegionStore(clients, TABLE).put({ id: '34.02', name: 'Kabupaten Bantul', agencyName: 'BKPSDM' });
      await clients.doc.send(new PutCommand({ TableName: TABLE, Item: { PK: 'REGION#34.02', SK: 'OPD#disdik', name: 'Dinas Pendidikan' } }));
      // Bantul's follow-up item, from a real recommendation's intake.
      await dynamoReportStore(clients, TABLE).create(report('34.02', 1, true), { at: '2024-10-01T00:00:00.000Z', actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' });
      let started = performance.now();
      await addRegions(clients, 0, FEW_REGIONS - 1);
      await addReports(clients, 0, SMALL);
      log(`${FEW_REGIONS} regions, ${SMALL} reports in Bantul (${round((performance.now() - started) / 1000)} s to add)`);
      const few = await followUpRead(dynamo.endpoint);
      started = performance.now();
      await addReports(clients, SMALL, LARGE);
      log(`${LARGE.toLocaleString('en-US')} reports in Bantul (${round((performance.now() - started) / 1000)} s to add)`);
      const large = await followUpRead(dynamo.endpoint);
      started = performance.now();
      await addRegions(clients, FEW_REGIONS - 1, ALL_REGIONS - 1);
      log(`${ALL_REGIONS} regions (${round((performance.now() - started) / 1000)} s to add)`);
      const all = await followUpRead(dynamo.endpoint);
      const writes = await recommendationWrites(dynamo.endpoint);
      for (const [label, m] of [['50 regions, 100 reports', few], [`50 regions, ${LARGE} reports`, large], [`545 regions, ${LARGE} reports`, all]] as const) {
        log(`${label}: ${m.rcu} RCU, ${round(m.median, 1)} ms median (${round(m.p25, 1)}-${round(m.p75, 1)}), ${m.regions} regions read`);
      }
      const rows: BenchResult[] = [
        {
          name: `follow-up read units at ${LARGE.toLocaleString('en-US')} reports in one region (floor: at ${SMALL}), ${FEW_REGIONS} regions`,
          value: large.rcu, unit: 'RCU', floor: few.rcu, target: `≤ ${BUDGET}× floor`, pass: large.rcu <= BUDGET * few.rcu,
          note: 'two queries (the regions, their follow-up items), eventually consistent; the authorizer\'s key lookup (0.5 RCU) comes on top',
        },
        {
          name: `follow-up latency at ${LARGE.toLocaleString('en-US')} reports (floor: at ${SMALL}), ${FEW_REGIONS} regions`,
          value: round(large.median, 1), unit: 'ms', floor: round(few.median, 1),
          note: `median of ${READS} reads on DynamoDB Local (p25-p75 ${round(large.p25, 1)}-${round(large.p75, 1)} vs ${round(few.p25, 1)}-${round(few.p75, 1)})`,
        },
        {
          name: `follow-up read units at ${ALL_REGIONS} regions (vs ${FEW_REGIONS})`,
          value: all.rcu, unit: 'RCU', floor: few.rcu, note: `grows with regions only: ${round(all.rcu / ALL_REGIONS, 3)} RCU a region`,
        },
        {
          name: `follow-up latency at ${ALL_REGIONS} regions (vs ${FEW_REGIONS})`,
          value: round(all.median, 1), unit: 'ms', floor: round(few.median, 1), note: `median of ${READS} reads on DynamoDB Local (p25-p75 ${round(all.p25, 1)}-${round(all.p75, 1)})`,
        },
        {
          name: 'write units of a recommendation\'s intake (floor: an INTERNAL report\'s)',
          value: writes.recommendation.created, unit: 'WCU', floor: writes.internal.created,
          note: `+${writes.recommendation.created - writes.internal.created}: its region's follow-up item, and its list item's entry in the body's index (GSI2)`,
        },
        {
          name: 'write units of a recommendation\'s close (floor: an INTERNAL report\'s)',
          value: writes.recommendation.closed, unit: 'WCU', floor: writes.internal.closed,
          note: `+${writes.recommendation.closed - writes.internal.closed}: the follow-up counters on the region's follow-up item, in the same transaction`,
        },
      ];
      return rows;
    } finally {
      clients.client.destroy();
      await dynamo.stop();
    }
  },
};
