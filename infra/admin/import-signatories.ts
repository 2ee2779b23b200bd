// `npm run import -- --region 34.02 --ceremony <id> x.csv` (or --file, --key, --url): bulk-imports a region's
// signatory CSV through the API, resumable (also after Ctrl-C), with a progress bar and a reject file.
import { parseArgs } from 'node:util';
import { demoKey, NoRunningStack, runningStack } from '../local/running-stack.ts';
import { DEFAULT_IMPORT_CONCURRENCY, importSignatories } from './importer.ts';
import { ImportError, ImportInterrupted } from './import-errors.ts';
import { CsvHeaderError } from './signatory-csv.ts';
import { formatDuration } from './progress.ts';

const USAGE = `Usage: npm run import -- --ceremony <ceremonyId> [--region 34.02 | --key K --url U] signatories.csv

  F (or --file F)  CSV with a header line: NIP, Nama (name), OPD (id or name), Jenis Pegawai (PNS|PPPK|NON_ASN); Jabatan optional
  --ceremony ID    the ceremony the rows signed (from POST /v1/ceremonies)
  --region R       with the local stack: its URL from $NETRA_DATA_DIR/local.json (whatever PORT it runs on)
                   and region R's key from demo-keys.json
  --key K          the region's API key (or NETRA_API_KEY)
  --url U          API base URL (or NETRA_URL; default: the running local stack's)
  --batch N        rows per request, at most 1000 (default 1000)
  --concurrency N  requests in flight (default 2: a region's signatures are written one request at a time)
  --checkpoint F   resume file (default <file>.checkpoint.json)
  --rejects F      reject file: line,nip,reason (default <file>.rejects.csv)
  --restart        ignore the checkpoint and send the whole file again
  --json           print the summary as JSON on stdout
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' }, ceremony: { type: 'string' }, key: { type: 'string' }, region: { type: 'string' },
    url: { type: 'string' }, batch: { type: 'string' }, concurrency: { type: 'string' }, checkpoint: { type: 'string' },
    rejects: { type: 'string' }, restart: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' },
  },
}) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
const file = text('file') ?? positionals[0];
const ceremonyId = text('ceremony');
if (!file || !ceremonyId) fail(`a CSV file and --ceremony are required.\n\n${USAGE}`);

// The running local stack, as the admin command finds it (its URL and the demo keys).
function local<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof NoRunningStack) fail(`${error.message} Or pass --url and --key.`);
    throw error;
  }
}
const region = text('region');
// An empty variable counts as not set.
const key = text('key') ?? (process.env.NETRA_API_KEY || undefined) ?? (region ? local(() => demoKey(region)) : undefined);
if (!key) fail('Give the API key with --key (or NETRA_API_KEY), or --region with the local stack.');
const url = text('url') ?? (process.env.NETRA_URL || undefined) ?? local(runningStack).apiUrl;

const positive = (name: string, fallback: number, max: number) => {
  const raw = text(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) fail(`--${name} must be a whole number from 1 to ${max}.`);
  return value;
};

// Ctrl-C once: no new batch, the ones in flight finish and are checkpointed. Twice: those are abandoned too.
const stop = new AbortController();
const abandon = new AbortController();
process.on('SIGINT', () => {
  if (!stop.signal.aborted) {
    process.stderr.write('\nStopping: finishing the batches in flight (Ctrl-C again to abandon them)…\n');
    stop.abort();
  } else abandon.abort();
});
/** The command as it was typed, so the hint can be copied; a rerun resumes from the checkpoint. */
const rerun = `npm run import -- ${process.argv.slice(2).map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ')}`;

try {
  const summary = await importSignatories({
    file,
    ceremonyId,
    key,
    url,
    stop: stop.signal,
    abandon: abandon.signal,
    batchSize: positive('batch', 1000, 1000),
    concurrency: positive('concurrency', DEFAULT_IMPORT_CONCURRENCY, 32),
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
        ...(summary.resent ? [`  resent     ${n(summary.resent)}  (sent by the interrupted run and stored then; not counted twice)`] : []),
        `  rejected   ${n(summary.rejected)}${summary.rejected ? `  -> ${summary.rejectFile}` : ''}`,
        '',
      ].join('\n'),
    );
  }
} catch (error) {
  if (error instanceof ImportInterrupted) {
    fail(`Dihentikan / stopped: lines up to ${error.doneThroughLine} are done${abandon.signal.aborted ? '; the batches in flight were abandoned and will be sent again' : ''}.\nResume with:\n  ${rerun}`, 130);
  }
  if (error instanceof ImportError || error instanceof CsvHeaderError) fail(error.message, 1);
  // Anything else is still one line for the person; the detail is for a bug report.
  fail(`import failed: ${(error as Error)?.message ?? error}`, 1);
}
