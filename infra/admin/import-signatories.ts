// `npm run import -- --file x.csv --ceremony <id> [--key K | --region 34.02] [--url U]`: bulk-imports a
// region's signatory CSV through the API, resumable, with a progress bar and a reject file.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importSignatories, ImportError } from './importer.ts';
import { CsvHeaderError } from './signatory-csv.ts';
import { formatDuration } from './progress.ts';

const USAGE = `Usage: npm run import -- --file signatories.csv --ceremony <ceremonyId> [options]

  --file F         CSV with a header line: NIP, Nama (name), OPD (id or name), Jenis Pegawai (PNS|PPPK|NON_ASN); Jabatan optional
  --ceremony ID    the ceremony the rows signed (from POST /v1/ceremonies)
  --key K          the region's API key (or NETRA_API_KEY)
  --region R       with the local stack: take the key of region R from $NETRA_DATA_DIR/demo-keys.json
  --url U          API base URL (default http://127.0.0.1:3000, or NETRA_URL)
  --batch N        rows per request, at most 1000 (default 1000)
  --concurrency N  requests in flight (default 4)
  --checkpoint F   resume file (default <file>.checkpoint.json)
  --rejects F      reject file: line,nip,reason (default <file>.rejects.csv)
  --restart        ignore the checkpoint and send the whole file again
  --json           print the summary as JSON on stdout
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values } = parseArgs({
  options: {
    file: { type: 'string' }, ceremony: { type: 'string' }, key: { type: 'string' }, region: { type: 'string' },
    url: { type: 'string' }, batch: { type: 'string' }, concurrency: { type: 'string' }, checkpoint: { type: 'string' },
    rejects: { type: 'string' }, restart: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' },
  },
}) as { values: Record<string, string | boolean | undefined> };
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
const file = text('file');
const ceremonyId = text('ceremony');
if (!file || !ceremonyId) fail(`--file and --ceremony are required.\n\n${USAGE}`);

function keyFromDemo(region: string): string {
  const path = join(resolve(process.env.NETRA_DATA_DIR ?? '.netra'), 'demo-keys.json');
  if (!existsSync(path)) fail(`No ${path}: start the local stack with \`npm start\` first, or pass --key.`);
  const key = (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>)[region];
  return key ?? fail(`${path} has no key for region ${region}.`);
}
const key = text('key') ?? process.env.NETRA_API_KEY ?? (text('region') ? keyFromDemo(text('region')!) : undefined);
if (!key) fail('Give the API key with --key (or NETRA_API_KEY), or --region with the local stack.');

const positive = (name: string, fallback: number, max: number) => {
  const raw = text(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) fail(`--${name} must be a whole number from 1 to ${max}.`);
  return value;
};

try {
  const summary = await importSignatories({
    file,
    ceremonyId,
    key,
    url: text('url') ?? process.env.NETRA_URL ?? 'http://127.0.0.1:3000',
    batchSize: positive('batch', 1000, 1000),
    concurrency: positive('concurrency', 4, 32),
    ...(text('checkpoint') ? { checkpointFile: text('checkpoint') } : {}),
    ...(text('rejects') ? { rejectFile: text('rejects') } : {}),
    restart: values.restart === true,
  });
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, maxRssMB })}\n`);
  } else {
    const n = (v: number) => v.toLocaleString('en-US');
    process.stdout.write(
      [
        `Selesai / done: ${n(summary.rows)} rows${summary.resumedFromLine ? ` (resumed after line ${n(summary.resumedFromLine)})` : ''} ` +
          `in ${formatDuration(summary.seconds)} (${n(summary.rowsPerSecond)} rows/s this run)`,
        `  accepted   ${n(summary.accepted)}`,
        `  duplicates ${n(summary.duplicates)}  (already signed for this election)`,
        `  rejected   ${n(summary.rejected)}${summary.rejected ? `  -> ${summary.rejectFile}` : ''}`,
        '',
      ].join('\n'),
    );
  }
} catch (error) {
  if (error instanceof ImportError || error instanceof CsvHeaderError) fail(error.message, 1);
  throw error;
}
