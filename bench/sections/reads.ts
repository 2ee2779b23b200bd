// The keyed read with its access log: GET /v1/reports/{id} through the local HTTP stack with the entry journalled
// (as netra reads now, ADR 0404), with the entry written to the table beside the read and awaited (as netra read
// before ADR 0404), and with the log switched off (as netra read before the log), in one run, rounds rotating the
// order, at concurrency 1 and 8. Then the DynamoDB work one logged read adds, its drain included.
import { join } from 'node:path';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { reportBody, startBenchApi, type BenchApi, type MeterReading } from '../support/api.ts';
import { quartiles, round, type BenchResult, type BenchSection } from '../support/section.ts';

const REQUESTS = Math.max(40, Number(process.env.BENCH_READS_REQUESTS ?? 400));
const REPORTS = 50;
// Short rounds, each side in turn first, second and last: a swing of the shared machine's load lands on all three.
const ROUNDS = 24;
const METERED = 20;
const BUDGET = 1.2;

type Side = 'journal' | 'table' | 'off';
const SIDES: Side[] = ['journal', 'table', 'off'];

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
  await api.settle(300); // the journal's drain, behind the answers
  return api.meter();
}

export const reads: BenchSection = {
  name: 'reads',
  description: `GET /v1/reports/{id} with its access-log entry journalled, written beside it, and without, ${REQUESTS} reads each at concurrency 1 and 8`,
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
      for (const side of SIDES) {
        await api.accessLog(side);
        await load(api, ids, 60, 4);
      }
      for (const concurrency of [1, 8]) {
        const runs: Record<Side, number[]> = { journal: [], table: [], off: [] };
        for (let r = 0; r < ROUNDS; r++) {
          // Each side goes first, second and last in turn, so a change in the machine's load favours none.
          for (const side of SIDES.map((_, i) => SIDES[(i + r) % SIDES.length]!)) {
            await api.accessLog(side);
            runs[side].push(...(await load(api, ids, Math.ceil(REQUESTS / ROUNDS), concurrency)));
          }
        }
        const [journal, table, off] = SIDES.map((side) => quartiles(runs[side]));
        const iqr = (q: ReturnType<typeof quartiles>) => `${round(q.p25, 1)}–${round(q.p75, 1)}`;
        log(`concurrency ${concurrency}: journalled p50 ${round(journal!.median, 1)} ms (IQR ${iqr(journal!)}), written beside the read ${round(table!.median, 1)} ms (IQR ${iqr(table!)}), without the log ${round(off!.median, 1)} ms (IQR ${iqr(off!)})`);
        rows.push(
          {
            name: `keyed read p50, concurrency ${concurrency}`, value: round(journal!.median, 1), unit: 'ms', floor: round(off!.median, 1),
            target: `≤ ${BUDGET}× without the log`, pass: journal!.median <= BUDGET * off!.median,
            note: `ratio ${round(journal!.median / off!.median, 2)}; IQR ${iqr(journal!)} | ${iqr(off!)} ms`,
          },
          {
            name: `keyed read p50 with the entry written beside it (before ADR 0404), concurrency ${concurrency}`, value: round(table!.median, 1), unit: 'ms', floor: round(off!.median, 1),
            note: `ratio ${round(table!.median / off!.median, 2)}; IQR ${iqr(table!)} ms`,
          },
        );
      }
      // The DynamoDB work of a logged read, the journal's drain included (the meter is read once it has settled).
      const perRead: Partial<Record<Side, MeterReading>> = {};
      for (const side of SIDES) {
        await api.accessLog(side);
        await api.settle(300);
        perRead[side] = await metered(api, ids);
      }
      await api.accessLog('journal');
      const per = (value: number) => round(value / METERED, 2);
      rows.push(
        { name: 'DynamoDB round trips per read (journalled; the drain\'s batch calls shared)', value: per(perRead.journal!.calls), unit: 'calls', floor: per(perRead.off!.calls), note: `written beside the read: ${per(perRead.table!.calls)}` },
        { name: 'DynamoDB write units per read (the entry; the key\'s hourly set once per report and hour)', value: per(perRead.journal!.writeUnits), unit: 'WCU', floor: per(perRead.off!.writeUnits) },
      );
      return rows;
    } finally {
      await api.stop();
      await dynamo.stop();
    }
  },
};
