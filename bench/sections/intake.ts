// Intake latency through the local HTTP stack: POST /v1/reports (authorizer, the handler chain, validation,
// idempotency, the report's transaction, the execution started) against a floor route on the same server that
// only puts the report item and starts the execution. Both run in one run, in alternating rounds, at
// concurrency 1 and 16. Then the DynamoDB round trips and capacity units of one intake, from ConsumedCapacity.
import { join } from 'node:path';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';
import { reportBody, startBenchApi, type BenchApi, type MeterReading } from '../support/api.ts';
import { quartiles, round, type BenchResult, type BenchSection } from '../support/section.ts';

const REQUESTS = Math.max(40, Number(process.env.BENCH_INTAKE_REQUESTS ?? 400));
const WARM_UP = 60;
const ROUNDS = 8;
const METERED = 20;
const BUDGET = 1.5;

type Side = 'netra' | 'floor';

function send(api: BenchApi, side: Side, n: number): Promise<Response> {
  return side === 'netra'
    ? api.request('/v1/reports', { method: 'POST', json: reportBody(), headers: { 'idempotency-key': `bench-${process.pid}-${n}` } })
    : api.request('/bench/floor/reports', { method: 'POST', json: reportBody(), key: null });
}

let sent = 0;
/** `count` requests, `concurrency` in flight; each one's latency (until its body is read) and the wall time. */
async function load(api: BenchApi, side: Side, count: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t = performance.now();
        const response = await send(api, side, sent++);
        await response.arrayBuffer();
        if (response.status !== 202) throw new Error(`${side} intake answered ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** DynamoDB work per request of one side, with executions not started (the intake's own work alone). */
async function metered(api: BenchApi, side: Side): Promise<MeterReading> {
  await api.settle();
  await api.resetMeter();
  for (let i = 0; i < METERED; i++) await (await send(api, side, sent++)).arrayBuffer();
  return api.meter();
}

const perReport = (value: number) => round(value / METERED, 2);

export const intake: BenchSection = {
  name: 'intake',
  description: `POST /v1/reports vs a floor (put the item, start the execution) on the same local stack, ${REQUESTS} requests each at concurrency 1 and 16`,
  async run({ tmpDir, log }) {
    const dynamo = await startDynamoLocal();
    const api = await startBenchApi({ endpoint: dynamo.endpoint, table: 'bench-intake', dataDir: join(tmpDir, 'intake-api'), meter: true });
    const rows: BenchResult[] = [];
    try {
      for (const side of ['netra', 'floor'] as const) await load(api, side, WARM_UP, 4);

      for (const concurrency of [1, 16]) {
        await api.settle();
        await api.resetMeter();
        const runs = { netra: { latencies: [] as number[], seconds: 0 }, floor: { latencies: [] as number[], seconds: 0 } };
        for (let r = 0; r < ROUNDS; r++) {
          // Alternate which side goes first, so a change in the machine's load does not favour one.
          const order: Side[] = r % 2 ? ['floor', 'netra'] : ['netra', 'floor'];
          for (const side of order) {
            const run = await load(api, side, Math.ceil(REQUESTS / ROUNDS), concurrency);
            runs[side].latencies.push(...run.latencies);
            runs[side].seconds += run.seconds;
          }
        }
        const handlers = new Map<string, number[]>();
        for (const { fn, ms } of (await api.meter()).invocations) handlers.set(fn, [...(handlers.get(fn) ?? []), ms]);
        log(`concurrency ${concurrency}, median handler time: ${[...handlers].map(([fn, ms]) => `${fn} ${round(quartiles(ms).median, 1)} ms`).join(', ')}`);
        const netra = quartiles(runs.netra.latencies);
        const floor = quartiles(runs.floor.latencies);
        const p99 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.99) - 1]!;
        const rate = (side: Side) => round(runs[side].latencies.length / runs[side].seconds);
        log(`concurrency ${concurrency}: netra p50 ${round(netra.median, 1)} ms (IQR ${round(netra.p25, 1)}–${round(netra.p75, 1)}), floor p50 ${round(floor.median, 1)} ms (IQR ${round(floor.p25, 1)}–${round(floor.p75, 1)})`);
        rows.push(
          {
            name: `p50 latency, concurrency ${concurrency}`, value: round(netra.median, 1), unit: 'ms', floor: round(floor.median, 1),
            target: `≤ ${BUDGET}× floor`, pass: netra.median <= BUDGET * floor.median,
            note: `IQR ${round(netra.p25, 1)}–${round(netra.p75, 1)} | ${round(floor.p25, 1)}–${round(floor.p75, 1)} ms`,
          },
          { name: `p99 latency, concurrency ${concurrency}`, value: round(p99(runs.netra.latencies), 1), unit: 'ms', floor: round(p99(runs.floor.latencies), 1) },
          { name: `throughput, concurrency ${concurrency}`, value: rate('netra'), unit: 'reports/s', floor: rate('floor') },
        );
      }

      await api.startExecutions(false);
      const netra = await metered(api, 'netra');
      const floor = await metered(api, 'floor');
      await api.startExecutions(true);
      const commands = (reading: MeterReading) =>
        Object.entries(reading.byCommand).map(([command, n]) => `${command.replace(/Command$/, '')} ${perReport(n)}`).join(', ');
      log(`DynamoDB per report, intake only: netra ${commands(netra)}; floor ${commands(floor)}`);
      rows.push(
        { name: 'DynamoDB round trips per report (intake only)', value: perReport(netra.calls), unit: 'calls', floor: perReport(floor.calls), note: commands(netra) },
        { name: 'DynamoDB write units per report (intake only)', value: perReport(netra.writeUnits), unit: 'WCU', floor: perReport(floor.writeUnits) },
        { name: 'DynamoDB read units per report (intake only)', value: perReport(netra.readUnits), unit: 'RCU', floor: perReport(floor.readUnits) },
      );
      return rows;
    } finally {
      await api.stop();
      await dynamo.stop();
    }
  },
};
