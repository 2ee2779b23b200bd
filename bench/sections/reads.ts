// The keyed read with its access log: GET /v1/reports/{id} through the local HTTP stack with the access-log entry
// written (as netra reads now) against the same read with the log switched off (as netra read before it), in one
// run, alternating rounds, at concurrency 1 and 8. Then the DynamoDB work the entry adds to one read.
import { join } from 'node:path';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { reportBody, startBenchApi, type BenchApi, type MeterReading } from '../support/api.ts';
import { quartiles, round, type BenchResult, type BenchSection } from '../support/section.ts';

const REQUESTS = Math.max(40, Number(process.env.BENCH_READS_REQUESTS ?? 400));
const REPORTS = 50;
const ROUNDS = 8;
const METERED = 20;
const BUDGET = 1.2;

type Side = 'logged' | 'unlogged';

async function load(api: BenchApi, ids: string[], count: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const id = ids[next++ % ids.length]!;
      const t = performance.now();
      const response = await api.request(`/v1/reports/${id}`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`read answered ${response.status}`);
      latencies.push(performance.now() - t);
    }
  }));
  return latencies;
}

async function metered(api: BenchApi, ids: string[]): Promise<MeterReading> {
  await api.resetMeter();
  for (let i = 0; i < METERED; i++) await (await api.request(`/v1/reports/${ids[i % ids.length]}`)).arrayBuffer();
  return api.meter();
}

export const reads: BenchSection = {
  name: 'reads',
  description: `GET /v1/reports/{id} with its access-log entry vs without, ${REQUESTS} reads each at concurrency 1 and 8`,
  async run({ tmpDir, log }) {
    const dynamo = await startDynamoLocal();
    const api = await startBenchApi({ endpoint: dynamo.endpoint, table: 'bench-reads', dataDir: join(tmpDir, 'reads-api'), meter: true });
    const rows: BenchResult[] = [];
    try {
      // Reports that name their reporter (sealed), as a region's system reads them; no workflow runs meanwhile.
      await api.startExecutions(false);
      const ids: string[] = [];
      for (let i = 0; i < REPORTS; i++) {
        const response = await api.request('/v1/reports', { method: 'POST', json: reportBody() });
        ids.push(((await response.json()) as { id: string }).id);
      }
      for (const side of ['logged', 'unlogged'] as const) {
        await api.recordAccess(side === 'logged');
        await load(api, ids, 60, 4);
      }
      for (const concurrency of [1, 8]) {
        const runs: Record<Side, number[]> = { logged: [], unlogged: [] };
        for (let r = 0; r < ROUNDS; r++) {
          const order: Side[] = r % 2 ? ['unlogged', 'logged'] : ['logged', 'unlogged'];
          for (const side of order) {
            await api.recordAccess(side === 'logged');
            runs[side].push(...(await load(api, ids, Math.ceil(REQUESTS / ROUNDS), concurrency)));
          }
        }
        const after = quartiles(runs.logged);
        const before = quartiles(runs.unlogged);
        log(`concurrency ${concurrency}: logged p50 ${round(after.median, 1)} ms (IQR ${round(after.p25, 1)}–${round(after.p75, 1)}), without the log p50 ${round(before.median, 1)} ms (IQR ${round(before.p25, 1)}–${round(before.p75, 1)})`);
        rows.push({
          name: `keyed read p50, concurrency ${concurrency}`, value: round(after.median, 1), unit: 'ms', floor: round(before.median, 1),
          target: `≤ ${BUDGET}× without the log`, pass: after.median <= BUDGET * before.median,
          note: `ratio ${round(after.median / before.median, 2)}; IQR ${round(after.p25, 1)}–${round(after.p75, 1)} | ${round(before.p25, 1)}–${round(before.p75, 1)} ms`,
        });
      }
      await api.recordAccess(true);
      const logged = await metered(api, ids);
      await api.recordAccess(false);
      const unlogged = await metered(api, ids);
      await api.recordAccess(true);
      const per = (value: number) => round(value / METERED, 2);
      rows.push(
        { name: 'DynamoDB round trips per read', value: per(logged.calls), unit: 'calls', floor: per(unlogged.calls) },
        { name: 'DynamoDB write units per read (the entry and the key\'s hourly set)', value: per(logged.writeUnits), unit: 'WCU', floor: per(unlogged.writeUnits) },
      );
      return rows;
    } finally {
      await api.stop();
      await dynamo.stop();
    }
  },
};
