// Growth: the read units of the region-wide queries at 100 and at 10,000 reports (or signatories). Counters and
// keyed pages must cost the same however much data a region has. Reports are written straight through the
// report store (the intake's own transaction); signatories through the API, 1,000 per request.
import { join } from 'node:path';
import { createDynamoClients } from '../../functions/adapters/dynamodb/client.ts';
import { dynamoReportStore } from '../../functions/adapters/dynamodb/report-store.ts';
import { CATEGORY_CODES } from '../../functions/domain/codes.ts';
import { receiptCode, ulid } from '../../functions/domain/ids.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
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
  // Pages full at both sizes (20 of the first 100 reports have each status), so that only the amount of data differs.
  { name: 'GET /v1/reports?status=DISMISSED&limit=10 (indexed filter)', path: '/v1/reports?status=DISMISSED&limit=10', data: 'reports' },
  { name: 'GET /v1/reports?category=INTIMIDASI&limit=25 (filter expression)', path: '/v1/reports?category=INTIMIDASI&limit=25', data: 'reports' },
  { name: 'GET /v1/compliance', path: '/v1/compliance?electionId=pilkada-2024', data: 'signatories' },
] as const;

/** Writes reports n = from..to-1 for Bantul through the report store, spread over statuses and categories. */
async function seedReports(store: ReturnType<typeof dynamoReportStore>, from: number, to: number) {
  let next = from;
  const base = reportBody();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < to) {
        const n = next++;
        const at = new Date(Date.UTC(2024, 9, 1) + n * 60_000).toISOString();
        const report = {
          ...base,
          id: ulid(Date.parse(at)), receiptCode: receiptCode(), regionId: '34.02', stage: 'KAMPANYE',
          category: CATEGORY_CODES[n % CATEGORY_CODES.length]!, status: STATUSES[n % STATUSES.length]!, decisions: [], createdAt: at, updatedAt: at,
        } as StoredReport;
        await store.create(report, { at, actor: 'REPORTER', action: 'SUBMITTED', status: report.status });
      }
    }),
  );
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
  description: `read units of stats, compliance and list pages at ${SMALL} and ${LARGE.toLocaleString('en-US')} reports / signatories`,
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
      return rows;
    } finally {
      dynamoClients.client.destroy();
      await api.stop();
      await dynamo.stop();
    }
  },
};
