// Growth: the read units of the region-wide queries at 100 and at 10,000 reports (or signatories). Counters,
// keyed pages and filtered lists must cost the same however much data a region has. Reports are written straight
// through the report store (the intake's own transaction, the overdue mark's transition); signatories through the
// API, 1,000 per request. Then what the lists cost in writes: a report's creation, overdue mark and close.
import { join } from 'node:path';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../functions/adapters/dynamodb/client.ts';
import { dynamoReportStore } from '../../functions/adapters/dynamodb/report-store.ts';
import { listItem } from '../../functions/adapters/dynamodb/report-list.ts';
import { LIST_INDEXES } from '../../functions/adapters/dynamodb/table-design.ts';
import { CATEGORY_CODES } from '../../functions/domain/codes.ts';
import { receiptCode, ulid } from '../../functions/domain/ids.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { ensureTable } from '../../infra/local/tables.ts';
import { PRICES, REGION_NAMES, type PriceRegion } from '../prices.ts';
import { nipFor } from '../support/generate-signatories.ts';
import { reportBody, startBenchApi, type BenchApi } from '../support/api.ts';
import { round, type BenchResult, type BenchSection } from '../support/section.ts';

const SMALL = 100;
const LARGE = Math.max(SMALL * 2, Number(process.env.BENCH_GROWTH_LARGE ?? 10_000));
const BUDGET = 1.1;
const TABLE = 'bench-growth';
const STATUSES = ['AWAITING_OPD_REVIEW', 'AWAITING_BKPP_ASSESSMENT', 'AWAITING_PPK_DECISION', 'SANCTIONED', 'DISMISSED'] as const;
const OPDS = ['disdik', 'dinkes', 'setda', 'dpupr'];

const QUERIES = [
  { name: 'GET /v1/stats', path: '/v1/stats?electionId=pilkada-2024', data: 'reports' },
  { name: 'GET /v1/reports?limit=25 (first page)', path: '/v1/reports?limit=25', data: 'reports' },
  // Pages full at both sizes (at least 12 of the first 100 reports match each filter), so that only the amount of
  // data differs.
  { name: 'GET /v1/reports?status=DISMISSED&limit=10 (GSI2)', path: '/v1/reports?status=DISMISSED&limit=10', data: 'reports' },
  { name: 'GET /v1/reports?category=INTIMIDASI&limit=10 (Category index)', path: '/v1/reports?category=INTIMIDASI&limit=10', data: 'reports' },
  { name: 'GET /v1/reports?stage=KAMPANYE&limit=10 (Stage index)', path: '/v1/reports?stage=KAMPANYE&limit=10', data: 'reports' },
  { name: 'GET /v1/reports?source=BKN_RECOMMENDATION&limit=10 (Source index)', path: '/v1/reports?source=BKN_RECOMMENDATION&limit=10', data: 'reports' },
  { name: 'GET /v1/reports?source=INTERNAL&limit=10 (Source index)', path: '/v1/reports?source=INTERNAL&limit=10', data: 'reports' },
  { name: 'GET /v1/reports?overdue=true&limit=10 (Overdue index)', path: '/v1/reports?overdue=true&limit=10', data: 'reports' },
  // Most reports are not overdue: a filter expression on GSI1 that lets about 6 in 7 through.
  { name: 'GET /v1/reports?overdue=false&limit=10 (filter expression)', path: '/v1/reports?overdue=false&limit=10', data: 'reports' },
  { name: 'GET /v1/compliance', path: '/v1/compliance?electionId=pilkada-2024', data: 'signatories' },
] as const;

/** The n-th bench report of Bantul: statuses and categories (8 of them) spread evenly, one minute apart; every
 *  fourth is a recommendation (BKN and Bawaslu in turn). All in one stage: a list index's page costs the same
 *  however selective its value, and more stages would add counter names, which the stats row would show as
 *  growth (every counter shard holds every name a region uses: docs/performance.md, "Growth"). */
function benchReport(base: Record<string, unknown>, n: number): StoredReport {
  const at = new Date(Date.UTC(2024, 9, 1) + n * 60_000).toISOString();
  const source = n % 4 ? undefined : { kind: n % 8 ? 'BAWASLU_RECOMMENDATION' : 'BKN_RECOMMENDATION', number: `REK-${n}`, issuedAt: '2024-09-30' };
  return {
    ...base,
    id: ulid(Date.parse(at)), receiptCode: receiptCode(), regionId: '34.02', stage: 'KAMPANYE',
    category: CATEGORY_CODES[n % 8]!, status: STATUSES[n % STATUSES.length]!, decisions: [], createdAt: at, updatedAt: at,
    source: source ?? { kind: 'INTERNAL' },
  } as unknown as StoredReport;
}

/** An open bench report is made overdue (every fourth), as markOverdue does: about 15 in 100 reports. */
const overdueOne = (report: StoredReport, n: number) => n % 4 === 1 && !['SANCTIONED', 'DISMISSED'].includes(report.status);

async function markOverdue(store: ReturnType<typeof dynamoReportStore>, report: StoredReport, at: string) {
  await store.transition({
    report, from: report.status, at, overdueAt: at,
    timeline: [{ at, actor: 'SYSTEM', action: 'REPORT_OVERDUE', status: report.status }],
  });
}

/** Writes reports n = from..to-1 for Bantul through the report store, and marks every fourth open one overdue. */
async function seedReports(store: ReturnType<typeof dynamoReportStore>, from: number, to: number) {
  let next = from;
  const base = reportBody();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < to) {
        const n = next++;
        const report = benchReport(base, n);
        await store.create(report, { at: report.createdAt, actor: 'REPORTER', action: 'SUBMITTED', status: report.status });
        if (overdueOne(report, n)) await markOverdue(store, report, report.createdAt);
      }
    }),
  );
}

/** What the lists cost in write units, from DynamoDB's per-table and per-index consumed capacity: the list item
 *  as the intake's transaction writes it (the item and its three index entries), and the overdue index's entry
 *  at a report's overdue mark and close, through the report store, on a table of its own. */
async function listWrites(endpoint: string) {
  const clients = createDynamoClients({ endpoint, region: 'ap-southeast-3', local: true });
  const names = new Set(Object.values(LIST_INDEXES).map((index) => index.indexName));
  let indexUnits = 0;
  let tableUnits = 0;
  clients.client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      type Capacity = { Table?: { CapacityUnits?: number }; GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> };
      for (const consumed of ([] as Capacity[]).concat((result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity ?? [])) {
        tableUnits += consumed.Table?.CapacityUnits ?? 0;
        for (const [name, capacity] of Object.entries(consumed.GlobalSecondaryIndexes ?? {})) if (names.has(name)) indexUnits += capacity.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'benchListWrites' },
  );
  const table = `${TABLE}-writes`;
  await ensureTable(clients.client, table);
  await clients.doc.send(new PutCommand({ TableName: table, Item: { PK: 'REGION#34.02', SK: 'OPD#disdik', name: 'Dinas Pendidikan' } }));
  const store = dynamoReportStore(clients, table);
  const indexWrites = async (work: () => Promise<unknown>) => {
    indexUnits = 0;
    await work();
    return indexUnits;
  };
  const report = { ...benchReport(reportBody(), 1), status: 'AWAITING_BKPP_ASSESSMENT' } as StoredReport;
  const at = new Date().toISOString();
  try {
    const created = await indexWrites(() => store.create(report, { at, actor: 'REPORTER', action: 'SUBMITTED', status: report.status }));
    // The list item alone, in a transaction as the intake writes it, for another report: its own table units.
    tableUnits = 0;
    const other = benchReport(reportBody(), 3);
    await clients.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: table, Item: listItem(other) } }] }));
    return {
      listItem: tableUnits,
      created,
      overdue: await indexWrites(() => markOverdue(store, report, at)),
      close: await indexWrites(() => store.transition({
        // The PPK's dismissal of the report marked overdue above (its counters and guard follow from the decision).
        report: { ...report, overdueAt: at }, from: report.status, to: 'DISMISSED', at, decision: { step: 'PPK_DECISION', outcome: 'DISMISS', by: { name: 'PPK', role: 'PPK' }, at },
        timeline: [{ at, actor: 'PPK', action: 'DISMISSED', status: 'DISMISSED' }],
      })),
      // A transition that neither creates nor moves a list key (a report forwarded) writes no list index.
      other: await (async () => {
        const second = { ...benchReport(reportBody(), 2), status: 'AWAITING_BKPP_ASSESSMENT' } as StoredReport;
        await store.create(second, { at, actor: 'REPORTER', action: 'SUBMITTED', status: second.status });
        return indexWrites(() => store.transition({ report: second, from: second.status, to: 'AWAITING_PPK_DECISION', at, timeline: [{ at, actor: 'BKPP', action: 'FORWARDED', status: 'AWAITING_PPK_DECISION' }] }));
      })(),
    };
  } finally {
    clients.client.destroy();
  }
}

async function addSignatories(api: BenchApi, ceremonyId: string, from: number, to: number) {
  for (let start = from; start < to; start += 1000) {
    const signatories = Array.from({ length: Math.min(1000, to - start) }, (_, i) => ({
      nip: nipFor(start + i), name: `Pegawai ${start + i}`, position: 'Staf', opdId: OPDS[(start + i) % OPDS.length], employmentType: 'PNS',
    }));
    const response = await api.request(`/v1/ceremonies/${ceremonyId}/signatories`, { method: 'POST', json: { signatories } });
    const answer = (await response.json()) as { accepted: number };
    if (response.status !== 200 || answer.accepted !== signatories.length) throw new Error(`signatories: ${response.status} ${JSON.stringify(answer)}`);
  }
}

/** Read units of one request (the authorizer's key lookup included), measured alone. */
async function readUnits(api: BenchApi, path: string) {
  await api.settle(300);
  await api.resetMeter();
  const response = await api.request(path);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  const reading = await api.meter();
  return { units: reading.readUnits, calls: reading.calls };
}

export const growth: BenchSection = {
  name: 'growth',
  description: `read units of stats, compliance and list pages at ${SMALL} and ${LARGE.toLocaleString('en-US')} reports / signatories; list index write units`,
  async run({ tmpDir, log }) {
    const dynamo = await startDynamoLocal();
    const api = await startBenchApi({ endpoint: dynamo.endpoint, table: TABLE, dataDir: join(tmpDir, 'growth-api'), meter: true });
    const dynamoClients = createDynamoClients({ endpoint: dynamo.endpoint, region: 'ap-southeast-3', local: true });
    const store = dynamoReportStore(dynamoClients, TABLE);
    try {
      const ceremony = await api.request('/v1/ceremonies', {
        method: 'POST',
        json: {
          kind: 'IKRAR_ASN', electionId: 'pilkada-2024', heldAt: '2024-08-26', location: 'Bench', opdIds: [],
          leader: { name: 'Sekda', title: 'Sekretaris Daerah' }, participants: { asn: LARGE, nonAsn: 0 }, evidenceUrls: [],
        },
      });
      const ceremonyId = ((await ceremony.json()) as { id: string }).id;

      const measured: Record<string, { small?: { units: number; calls: number }; large?: { units: number; calls: number } }> = {};
      for (const [size, from, to] of [['small', 0, SMALL], ['large', SMALL, LARGE]] as const) {
        const started = performance.now();
        await seedReports(store, from, to);
        await addSignatories(api, ceremonyId, from, to);
        log(`${to.toLocaleString('en-US')} reports and signatories (${round((performance.now() - started) / 1000)} s to add)`);
        for (const query of QUERIES) (measured[query.name] ??= {})[size] = await readUnits(api, query.path);
      }

      const rows: BenchResult[] = [];
      for (const query of QUERIES) {
        const { small, large } = measured[query.name] as Required<(typeof measured)[string]>;
        log(`${query.name}: ${small.units} RCU (${small.calls} calls) at ${SMALL}, ${large.units} RCU (${large.calls} calls) at ${LARGE.toLocaleString('en-US')}`);
        rows.push({
          name: `${query.name}: read units at ${LARGE.toLocaleString('en-US')} ${query.data} (floor: at ${SMALL})`,
          value: large.units, unit: 'RCU', floor: small.units, target: `≤ ${BUDGET}× floor`, pass: large.units <= BUDGET * small.units,
          note: `${large.calls} vs ${small.calls} DynamoDB calls, the authorizer's key lookup (0.5 RCU) included`,
        });
      }

      const writes = await listWrites(dynamo.endpoint);
      const creation = writes.listItem + writes.created;
      const perReport = creation + 0.15 * (writes.overdue + writes.close);
      const dollars = (region: PriceRegion) => `$${(perReport * PRICES[region].dynamoDbWriteRequestUnit.usd * 1000).toFixed(4)} per 1,000 reports in ${REGION_NAMES[region]}`;
      log(`list writes: the list item ${writes.listItem} WCU and its index entries ${writes.created} at creation, ${writes.overdue} at the overdue mark, ${writes.close} at the close, ${writes.other} on another transition`);
      rows.push(
        {
          name: 'list write units of a report\'s creation (its list item and the Category, Stage and Source entries)', value: creation, unit: 'WCU',
          note: `${writes.listItem} + ${writes.created}, in the intake's transaction (DynamoDB Local counts an index entry written there twice, as the item)`,
        },
        { name: 'list index write units of the overdue mark, and of closing an overdue report', value: writes.overdue + writes.close, unit: 'WCU', note: `${writes.overdue} + ${writes.close}; any other transition: ${writes.other}` },
        {
          name: 'list write units per report, with 15 % of reports overdue', value: round(perReport, 2), unit: 'WCU',
          note: `${dollars('us-east-1')}, ${dollars('ap-southeast-3')} (estimate)`,
        },
      );
      return rows;
    } finally {
      dynamoClients.client.destroy();
      await api.stop();
      await dynamo.stop();
    }
  },
};
