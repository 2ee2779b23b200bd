// Streams a signatory CSV through POST /v1/ceremonies/{id}/signatories: batches in flight at a bounded
// number, retries on throttling, a checkpoint to resume from, and a reject file with line numbers.
import { createReadStream, existsSync, openSync, closeSync, ftruncateSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSignatoryCsv, type SignatoryRowOut } from './signatory-csv.ts';
import { Progress } from './progress.ts';
import { csvLines } from '../../functions/lib/csv.ts';

export interface ImportOptions {
  file: string;
  ceremonyId: string;
  url: string;
  key: string;
  batchSize?: number;
  concurrency?: number;
  checkpointFile?: string;
  rejectFile?: string;
  /** Ignore a checkpoint and send the whole file again. */
  restart?: boolean;
  maxAttempts?: number;
  /** Where progress goes (stderr by default); a TTY gets a bar, anything else a line now and then. */
  progress?: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean };
  progressIntervalMs?: number;
  /** Aborted on the first Ctrl-C: no new batch starts, the ones in flight finish and are checkpointed. */
  stop?: AbortSignal;
  /** Aborted on a second Ctrl-C: the batches in flight are abandoned (a resume sends them again). */
  abandon?: AbortSignal;
}

export interface ImportSummary {
  rows: number;
  accepted: number;
  /** Rows already signed for this election. */
  duplicates: number;
  /** Rows of batches an interrupted run had sent without hearing back: sent again, found stored. */
  resent: number;
  rejected: number;
  seconds: number;
  rowsPerSecond: number;
  resumedFromLine: number;
  rejectFile: string;
}

interface Checkpoint {
  version: 1;
  file: string;
  size: number;
  mtimeMs: number;
  ceremonyId: string;
  /** Every line up to this one was sent and answered. */
  doneThroughLine: number;
  doneBytes: number;
  /** The reject file's length at that point: a resumed run cuts it back to this and appends. */
  rejectBytes: number;
  /** The last line of any batch sent: lines after doneThroughLine up to here may be stored already. */
  sentThroughLine?: number;
  totals: { rows: number; accepted: number; duplicates: number; resent?: number; rejected: number };
}

interface Batch {
  seq: number;
  rows: SignatoryRowOut[];
  lines: number[];
  nips: string[];
  lastLine: number;
  lastBytes: number;
  /** Lines refused before sending (an unrecoverable NIP), written with the batch's own rejects. */
  localRejects: { line: number; nip: string; reason: string }[];
}

interface BatchResult {
  accepted: number;
  duplicates: number;
  rejects: { line: number; nip: string; reason: string }[];
}

export class ImportError extends Error {}

/** The import stopped on Ctrl-C; the checkpoint says where a rerun of the same command goes on. */
export class ImportInterrupted extends ImportError {
  readonly doneThroughLine: number;
  constructor(doneThroughLine: number) {
    super(`interrupted after line ${doneThroughLine}`);
    this.doneThroughLine = doneThroughLine;
  }
}

/** Why a request could not be made: the code of a refused or unresolvable connection, or the message. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After in milliseconds (seconds or an HTTP date), capped at 30 s; 0 when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  if (!value) return 0;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 30_000) : 0;
}

async function fetchDirectoryOpds(url: string, key: string, maxAttempts: number): Promise<Map<string, string>> {
  let response: Response;
  // An outage (503) or a region over its rate (429) is waited out as Retry-After says, a bounded number of times.
  for (let attempt = 1; ; attempt++) {
    try {
      response = await fetch(`${url}/v1/directory`, { headers: { 'x-api-key': key }, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new ImportError(`Tidak dapat menghubungi netra di ${url} (${networkReason(error)}) / cannot reach netra at ${url}: start the local stack with \`npm start\`, or give the API's address with --url.`);
    }
    if (!RETRYABLE.has(response.status) || attempt >= maxAttempts) break;
    const wait = retryAfterMs(response.headers.get('retry-after')) || Math.random() * Math.min(30_000, 500 * 2 ** attempt);
    await response.body?.cancel();
    await sleep(wait);
  }
  if (response.status === 401) throw new ImportError('Kunci API ditolak / the API key was refused (401).');
  if (!response.ok) throw new ImportError(`GET /v1/directory answered ${response.status}.`);
  const directory = (await response.json()) as { opds: { opdId: string; name: string }[] };
  const byName = new Map<string, string>();
  for (const opd of directory.opds) byName.set(opd.name.toLowerCase().replace(/[\s._-]+/g, ''), opd.opdId);
  return byName;
}

export async function importSignatories(options: ImportOptions): Promise<ImportSummary> {
  const file = resolve(options.file);
  const batchSize = options.batchSize ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  const maxAttempts = options.maxAttempts ?? 10;
  const checkpointFile = options.checkpointFile ?? `${file}.checkpoint.json`;
  const rejectFile = options.rejectFile ?? `${file}.rejects.csv`;
  const url = options.url.replace(/\/+$/, '');
  if (!existsSync(file)) throw new ImportError(`Berkas tidak ada / no such file: ${file}`);
  const stat = statSync(file);

  let checkpoint: Checkpoint | undefined;
  if (!options.restart && existsSync(checkpointFile)) {
    const saved = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
    if (saved.file !== file || saved.ceremonyId !== options.ceremonyId) {
      throw new ImportError(`The checkpoint ${checkpointFile} belongs to another file or ceremony; pass --restart to start over.`);
    }
    if (saved.size !== stat.size || saved.mtimeMs !== stat.mtimeMs) {
      throw new ImportError(`${file} changed since the interrupted import; pass --restart to send it again from the top (already stored rows come back as duplicates).`);
    }
    checkpoint = saved;
  }
  const totals = checkpoint ? { resent: 0, ...checkpoint.totals } : { rows: 0, accepted: 0, duplicates: 0, resent: 0, rejected: 0 };
  const resumedFromLine = checkpoint?.doneThroughLine ?? 0;
  // Batches the interrupted run sent but never heard back from: their "duplicates" are most likely its own rows.
  const resentThroughLine = checkpoint?.sentThroughLine ?? resumedFromLine;
  let sentThroughLine = resumedFromLine;
  let lastSaved: Checkpoint | undefined = checkpoint;

  // Fail fast on a wrong key or ceremony before reading 4 million lines.
  const opdByName = await fetchDirectoryOpds(url, options.key, maxAttempts);

  const rejectFd = openSync(rejectFile, checkpoint ? 'r+' : 'w');
  let rejectBytes = 0;
  if (checkpoint) {
    ftruncateSync(rejectFd, checkpoint.rejectBytes);
    rejectBytes = checkpoint.rejectBytes;
  } else {
    rejectBytes += writeSync(rejectFd, csvLines([['line', 'nip', 'reason']]), 0);
  }

  const progress = new Progress({
    out: options.progress ?? process.stderr,
    totalBytes: stat.size,
    startBytes: checkpoint?.doneBytes ?? 0,
    intervalMs: options.progressIntervalMs ?? 5_000,
  });
  const started = Date.now();
  let sentRows = 0;

  async function post(batch: Batch): Promise<BatchResult> {
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let body: any;
      let retryAfter = 0;
      try {
        const response = await fetch(`${url}/v1/ceremonies/${encodeURIComponent(options.ceremonyId)}/signatories`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': options.key },
          body: JSON.stringify({ signatories: batch.rows }),
          signal: options.abandon ? AbortSignal.any([AbortSignal.timeout(120_000), options.abandon]) : AbortSignal.timeout(120_000),
        });
        status = response.status;
        retryAfter = retryAfterMs(response.headers.get('retry-after'));
        body = await response.json().catch(() => ({}));
      } catch (error) {
        if (options.abandon?.aborted) throw new ImportInterrupted(0);
        if (attempt >= maxAttempts) throw new ImportError(`Tidak dapat menghubungi netra di ${url} setelah ${attempt} percobaan (${networkReason(error)}) / cannot reach netra at ${url} after ${attempt} attempts: check that it runs, then rerun the same command to resume.`);
      }
      if (status === 200) {
        const rejects = (body.rejected as { index: number; errors: { path: string; message: string }[] }[]).map((r) => ({
          line: batch.lines[r.index]!,
          nip: batch.nips[r.index]!,
          reason: r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
        }));
        return { accepted: body.accepted, duplicates: body.duplicates, rejects };
      }
      if (status && !RETRYABLE.has(status)) {
        const detail = body?.detail ?? '';
        const hint = status === 404 ? ` Is ${options.ceremonyId} a ceremony of this key's region?` : '';
        throw new ImportError(`Lines ${batch.lines[0]}-${batch.lastLine}: the API answered ${status} ${body?.title ?? ''}. ${detail}${hint}`.trim());
      }
      if (attempt >= maxAttempts) throw new ImportError(`Lines ${batch.lines[0]}-${batch.lastLine}: still ${status} after ${attempt} attempts.`);
      progress.note(`retry ${attempt} (${status || 'network error'})`);
      await sleep(Math.max(retryAfter, Math.random() * Math.min(30_000, 500 * 2 ** attempt)));
    }
  }

  // Batches finish out of order; their results wait here until every earlier batch is done, so the
  // checkpoint and the reject file only ever cover a contiguous prefix of the file.
  const finished = new Map<number, { batch: Batch; result: BatchResult }>();
  let nextToSettle = 0;
  function settle() {
    while (finished.has(nextToSettle)) {
      const { batch, result } = finished.get(nextToSettle)!;
      finished.delete(nextToSettle++);
      const rejects = [...batch.localRejects, ...result.rejects].sort((a, b) => a.line - b.line);
      if (rejects.length) {
        // Written at an explicit offset: a resumed run reopens the file and appends after the checkpointed part.
        rejectBytes += writeSync(rejectFd, csvLines(rejects.map((r) => [r.line, r.nip, r.reason])), rejectBytes);
      }
      totals.rows += batch.rows.length + batch.localRejects.length;
      totals.accepted += result.accepted;
      if (batch.lines[0] !== undefined && batch.lines[0] <= resentThroughLine) totals.resent += result.duplicates;
      else totals.duplicates += result.duplicates;
      totals.rejected += rejects.length;
      const saved: Checkpoint = {
        version: 1, file, size: stat.size, mtimeMs: stat.mtimeMs, ceremonyId: options.ceremonyId,
        doneThroughLine: batch.lastLine, doneBytes: batch.lastBytes, rejectBytes, sentThroughLine: Math.max(sentThroughLine, batch.lastLine), totals,
      };
      writeFileAtomic(checkpointFile, JSON.stringify(saved));
      lastSaved = saved;
      progress.update({ bytes: batch.lastBytes, totals });
    }
  }

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  function launch(batch: Batch) {
    sentThroughLine = Math.max(sentThroughLine, batch.lastLine);
    const task = (async () => {
      const result = batch.rows.length ? await post(batch) : { accepted: 0, duplicates: 0, rejects: [] };
      sentRows += batch.rows.length + batch.localRejects.length;
      progress.rate(sentRows, Date.now() - started);
      finished.set(batch.seq, { batch, result });
      settle();
    })().catch((error) => {
      failure ??= error;
    });
    const tracked = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  let seq = 0;
  let batch: Batch | undefined;
  const fresh = (): Batch => ({ seq: seq++, rows: [], lines: [], nips: [], lastLine: 0, lastBytes: 0, localRejects: [] });
  try {
    for await (const record of readSignatoryCsv(createReadStream(file), opdByName)) {
      if (failure || options.stop?.aborted) break;
      if (record.line <= resumedFromLine) continue;
      batch ??= fresh();
      if ('error' in record) batch.localRejects.push({ line: record.line, nip: record.nip, reason: record.error });
      else {
        batch.rows.push(record.row);
        batch.lines.push(record.line);
        batch.nips.push(record.nip);
      }
      batch.lastLine = record.line;
      batch.lastBytes = record.bytes;
      if (batch.rows.length + batch.localRejects.length >= batchSize) {
        launch(batch);
        batch = undefined;
        // Backpressure: reading waits while the window is full, so memory stays flat whatever the file size.
        while (inFlight.size >= concurrency && !failure) await Promise.race(inFlight);
      }
    }
    if (batch && !failure && !options.stop?.aborted) launch(batch);
    await Promise.all(inFlight);
  } finally {
    closeSync(rejectFd);
    progress.done();
  }
  if (options.stop?.aborted && (!failure || failure instanceof ImportInterrupted)) {
    // Whatever was sent and not settled is remembered, so the resumed run can name its duplicates.
    const done: Checkpoint = lastSaved ?? {
      version: 1, file, size: stat.size, mtimeMs: stat.mtimeMs, ceremonyId: options.ceremonyId,
      doneThroughLine: resumedFromLine, doneBytes: checkpoint?.doneBytes ?? 0, rejectBytes, totals,
    };
    writeFileAtomic(checkpointFile, JSON.stringify({ ...done, sentThroughLine: Math.max(done.sentThroughLine ?? 0, sentThroughLine) }));
    throw new ImportInterrupted(done.doneThroughLine);
  }
  if (failure) {
    throw failure instanceof ImportError
      ? new ImportError(`${failure.message}\nResume later with the same command: lines up to ${totals.rows ? `the checkpoint in ${checkpointFile}` : 'the start'} are done.`)
      : failure;
  }
  rmSync(checkpointFile, { force: true });
  const seconds = (Date.now() - started) / 1000;
  return {
    ...totals,
    seconds,
    rowsPerSecond: Math.round(sentRows / Math.max(seconds, 0.001)),
    resumedFromLine,
    rejectFile,
  };
}

function writeFileAtomic(path: string, text: string) {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, text);
  closeSync(fd);
  renameSync(tmp, path);
}
