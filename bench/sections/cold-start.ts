// Bundle size and cold start of every deployed function against its floor: the same AWS SDK clients (those
// infra/needs.ts grants it) and no framework. Both are bundled by the deployed construct, and timed as a cold
// start runs them: a fresh Node 24 process per sample, the function's environment, module init and then the first
// invocation (an event the function accepts; the floor makes one call), against a stand-in AWS endpoint that
// answers at once. The target is on init + first invocation, so work moved from import to first use is no saving.
// Function and floor are interleaved so the machine's load falls on both alike.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../infra/constructs/netra-function.ts';
import { buildOpenApi } from '../../functions/lib/openapi.ts';
import { routes } from '../../functions/http/routes.ts';
import { guidanceFor } from '../../functions/domain/guidance.ts';
import { documentFloorSource, floorKey, floorSource, guidanceFloorSource } from '../support/floors.ts';
import { bundleInChild, deployedFunctions } from '../support/lambda-bundles.ts';
import { FLOOR_EVENT, firstEvent, standInAws } from '../support/first-invocation.ts';
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
  REPORTER_KEY_ARN: 'arn:aws:kms:ap-southeast-3:123456789012:key/00000000-0000-0000-0000-000000000000',
};

/** What a bundle carries above its floor, by package (KiB, largest first, those of 1 KiB or more): the remaining
 *  cost the budget asks to be named. */
function aboveFloor(own: Record<string, number>, floor: Record<string, number>): string {
  const zod = (name: string) => (name === 'zod' || name.startsWith('zod/') ? 'zod' : name.replace('@aws-lambda-powertools/', 'powertools/'));
  const extra = new Map<string, number>();
  for (const [name, bytes] of Object.entries(own)) extra.set(zod(name), (extra.get(zod(name)) ?? 0) + bytes);
  for (const [name, bytes] of Object.entries(floor)) extra.set(zod(name), (extra.get(zod(name)) ?? 0) - bytes);
  const named = [...extra].filter(([, bytes]) => bytes >= KiB).sort((a, b) => b[1] - a[1]);
  return named.map(([name, bytes]) => `${name} ${round(bytes / KiB)}`).join(', ') || 'nothing';
}

/** Bytes of zod in a bundle: its core, mini and (if anything still imports it) classic API, and locales. */
function zodBytes(packages: Record<string, number>): number {
  return Object.entries(packages).reduce((sum, [name, bytes]) => (name === 'zod' || name.startsWith('zod/') ? sum + bytes : sum), 0);
}

interface Sample {
  /** `await import(bundle)`, module-scope work included. */
  init: number;
  /** Module init and the first invocation, as Lambda's first request waits for both. */
  first: number;
  /** What the first invocation answered (its status code) or threw (the error's name). */
  outcome: string;
}

/** A Lambda context for the first invocation, with the route timeout's time left. */
const CONTEXT_SOURCE = `{ functionName: 'bench', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:ap-southeast-3:123456789012:function:bench',
  memoryLimitInMB: '512', awsRequestId: 'bench', logGroupName: 'bench', logStreamName: 'bench', callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 29000, done() {}, fail() {}, succeed() {} }`;

/** One fresh process: module init, then the first invocation with `event` (the function's logs go to stdout too,
 *  so the figures come on a marked line of their own). */
function coldRun(file: string, env: Record<string, string>, event: unknown): Promise<Sample> {
  const script = [
    'const t = performance.now();',
    `const { handler } = await import(${JSON.stringify(`file://${file}`)});`,
    'const init = performance.now() - t;',
    'let outcome;',
    `try { const result = await handler(${JSON.stringify(event)}, ${CONTEXT_SOURCE}); outcome = String(result?.statusCode ?? 'ok'); }`,
    "catch (error) { outcome = String(error?.name ?? 'error'); }",
    "process.stdout.write('\\nBENCH ' + JSON.stringify({ init, first: performance.now() - t, outcome }) + '\\n');",
  ].join('\n');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.once('exit', (code) => {
      const line = /^BENCH (.*)$/m.exec(stdout);
      if (code !== 0 || !line) fail(new Error(`running ${file} failed (${code}): ${stderr}`));
      else done(JSON.parse(line[1]!) as Sample);
    });
  });
}

/** `getReport` → `get-report`, as the handler files are named. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const coldStart: BenchSection = {
  name: 'cold-start',
  description: `bundle size, module init and init + first invocation (median of ${RUNS} fresh Node processes) of every function vs its floor`,
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

    const aws = await standInAws();
    const envOf = (name: string, file: string) => ({
      PATH: process.env.PATH ?? '', ...lambdaEnvironment(name, join(file, '..')), ...environment, ...STACK_ENVIRONMENT, AWS_ENDPOINT_URL: aws.url,
    });
    const routeOf = new Map(Object.values(routes).map((route) => [`http/${kebab(route.operationId)}`, route]));
    const eventOf = (name: string) => firstEvent(name, routeOf.get(name));
    const samples = new Map<string, { fn: Sample[]; floor: Sample[] }>(functions.map((fn) => [fn.name, { fn: [], floor: [] }]));
    try {
      for (let round = 0; round < RUNS; round++) {
        for (const [i, fn] of functions.entries()) {
          const own = bundles[fn.name]!.file;
          const floor = bundles[`floor:${floorOf(fn)}`]!.file;
          const pair = [
            async () => samples.get(fn.name)!.fn.push(await coldRun(own, envOf(fn.name, own), eventOf(fn.name))),
            async () => samples.get(fn.name)!.floor.push(await coldRun(floor, envOf(fn.name, floor), FLOOR_EVENT)),
          ];
          // Which of the pair goes first alternates, so neither always meets a warmer (or busier) machine.
          if ((round + i) % 2) pair.reverse();
          for (const measure of pair) await measure();
        }
        log(`round ${round + 1}/${RUNS} done`);
      }
    } finally {
      await aws.close();
    }

    const rows: BenchResult[] = [];
    let sizeMet = 0;
    let initMet = 0;
    log('function                       bundle KiB  floor  ×     init ms  floor  ×    +first ms  floor  ×     zod KiB  first answer  (IQR of +first: function | floor)');
    for (const fn of functions) {
      const own = bundles[fn.name]!;
      const floor = bundles[`floor:${floorOf(fn)}`]!;
      const { fn: fnSamples, floor: floorSamples } = samples.get(fn.name)!;
      const init = quartiles(fnSamples.map((s) => s.init));
      const floorInit = quartiles(floorSamples.map((s) => s.init));
      const first = quartiles(fnSamples.map((s) => s.first));
      const floorFirst = quartiles(floorSamples.map((s) => s.first));
      const outcomes = [...new Set(fnSamples.map((s) => s.outcome))].join('/');
      const sizeRatio = own.bytes / floor.bytes;
      const initRatio = init.median / floorInit.median;
      const firstRatio = first.median / floorFirst.median;
      if (sizeRatio <= BUDGET) sizeMet++;
      if (firstRatio <= BUDGET) initMet++;
      const spread = `IQR ${round(first.p25)}–${round(first.p75)} | ${round(floorFirst.p25)}–${round(floorFirst.p75)} ms`;
      log(
        `${fn.name.padEnd(30)} ${String(round(own.bytes / KiB)).padStart(10)} ${String(round(floor.bytes / KiB)).padStart(6)}  ${sizeRatio.toFixed(2)}` +
          `  ${String(round(init.median, 1)).padStart(7)} ${String(round(floorInit.median, 1)).padStart(6)}  ${initRatio.toFixed(2)}` +
          `  ${String(round(first.median, 1)).padStart(9)} ${String(round(floorFirst.median, 1)).padStart(6)}  ${firstRatio.toFixed(2)}` +
          `  ${String(round(zodBytes(own.packages) / KiB, 1)).padStart(7)}  ${outcomes.padEnd(12)}  (${spread})`,
      );
      rows.push(
        {
          name: `${fn.name} bundle (floor: ${floorOf(fn)})`, value: round(own.bytes / KiB), unit: 'KiB', floor: round(floor.bytes / KiB),
          target: `≤ ${BUDGET}× floor`, pass: sizeRatio <= BUDGET, note: `above the floor (KiB): ${aboveFloor(own.packages, floor.packages)}`,
        },
        {
          name: `${fn.name} module init, median of ${RUNS}`, value: round(init.median, 1), unit: 'ms', floor: round(floorInit.median, 1),
          note: 'import only: work done on first use shows in the next row',
        },
        {
          name: `${fn.name} init + first invocation, median of ${RUNS}`, value: round(first.median, 1), unit: 'ms', floor: round(floorFirst.median, 1),
          target: `≤ ${BUDGET}× floor`, pass: firstRatio <= BUDGET, note: `${spread}; first answer ${outcomes}`,
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
      { name: 'functions with init + first invocation within budget', value: initMet, unit: `of ${functions.length}` },
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
