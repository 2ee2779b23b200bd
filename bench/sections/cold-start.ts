// Bundle size and module-init time of every deployed function against its floor: the same AWS SDK clients
// (those infra/needs.ts grants it) and no framework. Both are bundled by the deployed construct, and timed as
// Lambda's init would run them: a fresh Node 24 process per sample, the function's environment, function and
// floor interleaved so the machine's load falls on both alike.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../infra/constructs/netra-function.ts';
import { buildOpenApi } from '../../functions/lib/openapi.ts';
import { routes } from '../../functions/http/routes.ts';
import { guidanceFor } from '../../functions/domain/guidance.ts';
import { documentFloorSource, floorKey, floorSource, guidanceFloorSource } from '../support/floors.ts';
import { bundleInChild, deployedFunctions } from '../support/lambda-bundles.ts';
import { quartiles, round, type BenchResult, type BenchSection } from '../support/section.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_COLD_RUNS ?? 11));
const BUDGET = 1.15;
const KiB = 1024;

/** What Lambda sets in every nodejs24.x arm64 runtime, besides the function's own environment. */
function lambdaEnvironment(name: string, dir: string): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: `Netra-${name.replace('/', '-')}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/Netra-${name.replace('/', '-')}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_REGION: 'ap-southeast-3',
    AWS_DEFAULT_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'ASIABENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    LAMBDA_TASK_ROOT: dir,
    _HANDLER: 'index.handler',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  };
}

/** What netra-stack.ts adds to every function (ARNs stand in for the tokens CloudFormation resolves). */
const STACK_ENVIRONMENT = {
  TABLE_NAME: 'Netra-TableCD117FA1-BENCH',
  STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-3:123456789012:stateMachine:Netra-sanction',
  SENDER_EMAIL: 'netra@bkpp.example.go.id',
  LINK_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-3:123456789012:secret:LinkSecret-bench',
  BASE_URL: 'https://abcdef1234.execute-api.ap-southeast-3.amazonaws.com/prod',
};

/** Bytes of zod in a bundle: its core, mini and (if anything still imports it) classic API, and locales. */
function zodBytes(packages: Record<string, number>): number {
  return Object.entries(packages).reduce((sum, [name, bytes]) => (name === 'zod' || name.startsWith('zod/') ? sum + bytes : sum), 0);
}

/** One fresh process: the milliseconds `await import(bundle)` takes, module-scope work included. */
function initMs(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`loading ${file} failed: ${run.stderr}`);
  return Number(run.stdout);
}

export const coldStart: BenchSection = {
  name: 'cold-start',
  description: `bundle size and module init (median of ${RUNS} fresh Node processes) of every function vs its floor`,
  async run({ tmpDir, log }) {
    if (!process.version.startsWith('v24.')) throw new Error(`Lambda runs Node 24; this is ${process.version} (run it with npm run bench)`);
    const dir = join(tmpDir, 'cold-start');
    rmSync(join(dir, 'floors'), { recursive: true, force: true });
    mkdirSync(join(dir, 'floors'), { recursive: true });

    const functions = deployedFunctions();
    // The two routes without a client serve data: the OpenAPI route's floor serves the document, computed
    // beforehand; the guidance route's, the catalogue (whole, or one category's acts).
    const DATA_FLOORS: Record<string, { key: string; source: () => string }> = {
      'http/openapi': { key: 'openapi-document', source: () => documentFloorSource(buildOpenApi(routes)) },
      'http/get-guidance': { key: 'guidance-catalogue', source: () => guidanceFloorSource(guidanceFor()) },
    };
    const floorOf = (fn: (typeof functions)[number]) => DATA_FLOORS[fn.name]?.key ?? floorKey(fn.needs);
    const floors: Record<string, string> = {};
    for (const fn of functions) {
      const key = floorOf(fn);
      if (floors[key]) continue;
      const file = join(dir, 'floors', `${key}.mjs`);
      writeFileSync(file, DATA_FLOORS[fn.name]?.source() ?? floorSource(fn.needs));
      floors[key] = file;
    }
    log(`bundling ${functions.length} functions and ${Object.keys(floors).length} floors with NetraFunction (the deployed construct)`);
    const entries = {
      ...Object.fromEntries(functions.map((fn) => [fn.name, fn.entry])),
      ...Object.fromEntries(Object.entries(floors).map(([key, file]) => [`floor:${key}`, relative(PROJECT_ROOT, file)])),
    };
    const { bundles, environment } = await bundleInChild(entries, join(dir, 'bundles'));

    const envOf = (name: string, file: string) => ({ PATH: process.env.PATH ?? '', ...lambdaEnvironment(name, join(file, '..')), ...environment, ...STACK_ENVIRONMENT });
    const samples = new Map<string, { fn: number[]; floor: number[] }>(functions.map((fn) => [fn.name, { fn: [], floor: [] }]));
    for (let round = 0; round < RUNS; round++) {
      for (const [i, fn] of functions.entries()) {
        const own = bundles[fn.name]!.file;
        const floor = bundles[`floor:${floorOf(fn)}`]!.file;
        const pair = [
          () => samples.get(fn.name)!.fn.push(initMs(own, envOf(fn.name, own))),
          () => samples.get(fn.name)!.floor.push(initMs(floor, envOf(fn.name, floor))),
        ];
        // Which of the pair goes first alternates, so neither always meets a warmer (or busier) machine.
        if ((round + i) % 2) pair.reverse();
        for (const measure of pair) measure();
      }
      log(`init round ${round + 1}/${RUNS} done`);
    }

    const rows: BenchResult[] = [];
    let sizeMet = 0;
    let initMet = 0;
    log('function                       bundle KiB  floor  ×     init ms  floor  ×     zod KiB  (IQR function | floor)');
    for (const fn of functions) {
      const own = bundles[fn.name]!;
      const floor = bundles[`floor:${floorOf(fn)}`]!;
      const { fn: fnSamples, floor: floorSamples } = samples.get(fn.name)!;
      const init = quartiles(fnSamples);
      const floorInit = quartiles(floorSamples);
      const sizeRatio = own.bytes / floor.bytes;
      const initRatio = init.median / floorInit.median;
      if (sizeRatio <= BUDGET) sizeMet++;
      if (initRatio <= BUDGET) initMet++;
      const spread = `IQR ${round(init.p25)}–${round(init.p75)} | ${round(floorInit.p25)}–${round(floorInit.p75)} ms`;
      log(
        `${fn.name.padEnd(30)} ${String(round(own.bytes / KiB)).padStart(10)} ${String(round(floor.bytes / KiB)).padStart(6)}  ${sizeRatio.toFixed(2)}` +
          `  ${String(round(init.median, 1)).padStart(7)} ${String(round(floorInit.median, 1)).padStart(6)}  ${initRatio.toFixed(2)}` +
          `  ${String(round(zodBytes(own.packages) / KiB, 1)).padStart(7)}  (${spread})`,
      );
      rows.push(
        {
          name: `${fn.name} bundle (floor: ${floorOf(fn)})`, value: round(own.bytes / KiB), unit: 'KiB', floor: round(floor.bytes / KiB),
          target: `≤ ${BUDGET}× floor`, pass: sizeRatio <= BUDGET,
        },
        {
          name: `${fn.name} module init, median of ${RUNS}`, value: round(init.median, 1), unit: 'ms', floor: round(floorInit.median, 1),
          target: `≤ ${BUDGET}× floor`, pass: initRatio <= BUDGET, note: spread,
        },
      );
    }
    // What fills a bundle above its floor, by package (esbuild's metafile of the deployed build).
    const sample = bundles['http/get-stats']!;
    const heaviest = Object.entries(sample.packages).sort((a, b) => b[1] - a[1]).slice(0, 12);
    log(`http/get-stats by package (KiB): ${heaviest.map(([name, bytes]) => `${name} ${round(bytes / KiB, 1)}`).join(', ')}`);
    const classic = functions.filter((fn) => (bundles[fn.name]!.packages['zod/v4/classic'] ?? 0) > 0).map((fn) => fn.name);
    rows.push(
      { name: 'functions with bundle within budget', value: sizeMet, unit: `of ${functions.length}` },
      { name: 'functions with init within budget', value: initMet, unit: `of ${functions.length}` },
      {
        name: 'zod in a function bundle, largest (metafile)', value: round(Math.max(...functions.map((fn) => zodBytes(bundles[fn.name]!.packages))) / KiB, 1),
        unit: 'KiB', note: 'zod/mini and the zod core it builds on',
      },
      {
        name: "functions carrying zod's classic API", value: classic.length, unit: `of ${functions.length}`, target: '0 (zod/mini only)',
        pass: classic.length === 0, ...(classic.length ? { note: classic.join(', ') } : {}),
      },
    );
    return rows;
  },
};
