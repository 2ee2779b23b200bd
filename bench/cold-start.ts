// Bundle size and module-init time of every function against a floor function that loads the same
// AWS SDK clients with no framework: bundled as the stack bundles them, timed in fresh Node processes.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUT = resolve('bench/tmp/cold-start');
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);

/** Function entry points: every route handler, the authorizer and every workflow step. */
export function entries(): string[] {
  const dirs = ['functions/http', 'functions/steps'].filter((dir) => existsSync(dir));
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && file !== 'routes.ts')
      .map((file) => join(dir, file)),
  );
}

async function bundle(entry: string, outfile: string) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  });
  const clients = Object.keys(result.metafile.inputs)
    .map((input) => /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(input)?.[1])
    .filter((name): name is string => Boolean(name));
  return { bytes: statSync(outfile).size, clients: [...new Set(clients)].sort() };
}

function floorSource(clients: string[]): string {
  const ctor: Record<string, string> = {
    'client-dynamodb': 'DynamoDBClient',
    'client-sfn': 'SFNClient',
    'client-sesv2': 'SESv2Client',
    'client-secrets-manager': 'SecretsManagerClient',
  };
  const lines = clients.filter((c) => ctor[c]).map((c, i) => `import { ${ctor[c]} as C${i} } from '@aws-sdk/${c}';\nconst c${i} = new C${i}({});`);
  const docClient = clients.includes('client-dynamodb')
    ? "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';\nconst doc = DynamoDBDocumentClient.from(c0);\n"
    : '';
  return `${lines.join('\n')}\n${docClient}export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event ?? null) });\n`;
}

function medianInitMs(file: string): number {
  const samples: number[] = [];
  const env = { ...process.env, NETRA_MODE: 'aws', TABLE_NAME: 'bench', AWS_REGION: 'ap-southeast-3', STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-3:000000000000:stateMachine:bench', BASE_URL: 'https://netra.example', SENDER_EMAIL: 'netra@example.org', LINK_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-3:000000000000:secret:bench', POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' };
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now()-t)`], { env, encoding: 'utf8' });
    samples.push(Number(out.trim().split('\n').pop()));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export async function coldStart() {
  mkdirSync(OUT, { recursive: true });
  const rows = [];
  for (const entry of entries()) {
    const name = entry.replace(/^functions\//, '').replace(/\.ts$/, '');
    const outfile = join(OUT, `${name.replace('/', '__')}.mjs`);
    const fn = await bundle(entry, outfile);
    const floorEntry = join(OUT, `${name.replace('/', '__')}.floor.mjs`);
    writeFileSync(floorEntry.replace('.mjs', '.src.mjs'), floorSource(fn.clients));
    const floor = await bundle(floorEntry.replace('.mjs', '.src.mjs'), floorEntry);
    const initMs = medianInitMs(outfile);
    const floorInitMs = medianInitMs(floorEntry);
    rows.push({
      function: name,
      clients: fn.clients.join(' '),
      bytes: fn.bytes,
      floorBytes: floor.bytes,
      sizeRatio: fn.bytes / floor.bytes,
      initMs,
      floorInitMs,
      initRatio: initMs / floorInitMs,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await coldStart();
  console.table(rows.map((r) => ({ ...r, bytes: `${(r.bytes / 1024).toFixed(0)} KiB`, floorBytes: `${(r.floorBytes / 1024).toFixed(0)} KiB`, sizeRatio: r.sizeRatio.toFixed(2), initMs: r.initMs.toFixed(1), floorInitMs: r.floorInitMs.toFixed(1), initRatio: r.initRatio.toFixed(2) })));
}
