// Streams a signatory CSV through POST /v1/ceremonies/{id}/signatories: batches in flight at a bounded
// number, retries on throttling, a checkpoint to resume from, and a reject file with line numbers.
import { createReadStream, existsSync, openSync, closeSync, ftruncateSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSignatoryCsv, type SignatoryRowOut } from './signatory-csv.ts';
import { Progress } from './progress.ts';
import { retry } from '../../functions/lib/retry.ts';

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
}

export interface ImportSummary {
  rows: number;
  accepted: number;
  duplicates: number;
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
  totals: { rows: number; accepted: number; duplicates: number; rejected: number };
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

/** What the API answers while it cannot serve for a while (an outage is 503, a region over its rate 429). */
const RETRYABLE = new Set([429, 502, 503, 504]);
/** Backoff of one request: full jitter from 0.5 s doubling to 30 s, for at most 10 minutes. */
const BACKOFF = { baseDelayMs: 500, maxDelayMs: 30_000, budgetMs: 10 * 60_000 } as const;

/** An answer that means "later": its status and the wait it asked for (Retry-After), in ms. */
class Later extends Error {
  readonly status: number;
  readonly retryAfterMs: number;
  constructor(status: number, retryAfter: string | null) {
    super(`HTTP ${status}`);
    this.status = status;
    this.retryAfterMs = retryAfterMs(retryAfter);
  }
}

/** Retry-After as seconds or an HTTP date; nothing (or nonsense) is no wait. Capped at the backoff's ceiling. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  if (!value) return 0;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), BACKOFF.maxDelayMs) : 0;
}

/** Sends a request again while the answer is "later" (429, 502-504) or the network failed, honouring Retry-After. */
async function withRetries(maxAttempts: number, send: () => Promise<Response>, onRetry: (what: string, attempt: number) => void): Promise<Response> {
  return retry(
    async () => {
      const response = await send();
      if (RETRYABLE.has(response.status)) {
        await response.arrayBuffer().catch(() => undefined);
        throw new Later(response.status, response.headers.get('retry-after'));
      }
      return response;
    },
    {
      ...BACKOFF,
      attempts: maxAttempts,
      retryable: (error) => (error instanceof Later ? error.retryAfterMs : true),
      onRetry: (error, attempt) => onRetry(error instanceof Later ? String(error.status) : 'network error', attempt),
    },
  );
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function fetchDirectoryOpds(url: string, key: string, maxAttempts: number): Promise<Map<string, string>> {
  let response: Response;
  try {
    response = await withRetries(maxAttempts, () => fetch(`${url}/v1/directory`, { headers: { 'x-api-key': key }, signal: AbortSignal.timeout(30_000) }), () => undefined);
  } catch (error) {
    const what = error instanceof Later ? `still ${error.status}` : `unreachable (${(error as Error).message})`;
    throw new ImportError(`GET /v1/directory: the API is ${what} after ${maxAttempts} attempts; try again later.`);
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
  const totals = checkpoint ? { ...checkpoint.totals } : { rows: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const resumedFromLine = checkpoint?.doneThroughLine ?? 0;

  // Fail fast on a wrong key or ceremony before reading 4 million lines.
  const opdByName = await fetchDirectoryOpds(url, options.key, maxAttempts);

  const rejectFd = openSync(rejectFile, checkpoint ? 'r+' : 'w');
  let rejectBytes = 0;
  if (checkpoint) {
    ftruncateSync(rejectFd, checkpoint.rejectBytes);
    rejectBytes = checkpoint.rejectBytes;
  } else {
    rejectBytes += writeSync(rejectFd, 'line,nip,reason\n', 0);
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
    let response: Response;
    try {
      response = await withRetries(
        maxAttempts,
        () => fetch(`${url}/v1/ceremonies/${encodeURIComponent(options.ceremonyId)}/signatories`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': options.key },
          body: JSON.stringify({ signatories: batch.rows }),
          signal: AbortSignal.timeout(120_000),
        }),
        (what, attempt) => progress.note(`retry ${attempt} (${what})`),
      );
    } catch (error) {
      if (error instanceof Later) throw new ImportError(`Lines ${batch.lines[0]}-${batch.lastLine}: still ${error.status} after retrying.`);
      throw new ImportError(`Server unreachable after retrying: ${(error as Error).message}`);
    }
    const status = response.status;
    const body: any = await response.json().catch(() => ({}));
    if (status === 200) {
      const rejects = (body.rejected as { index: number; errors: { path: string; message: string }[] }[]).map((r) => ({
        line: batch.lines[r.index]!,
        nip: batch.nips[r.index]!,
        reason: r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
      }));
      return { accepted: body.accepted, duplicates: body.duplicates, rejects };
    }
    const detail = body?.detail ?? '';
    const hint = status === 404 ? ` Is ${options.ceremonyId} a ceremony of this key's region?` : '';
    throw new ImportError(`Lines ${batch.lines[0]}-${batch.lastLine}: the API answered ${status} ${body?.title ?? ''}. ${detail}${hint}`.trim());
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
        rejectBytes += writeSync(rejectFd, rejects.map((r) => `${r.line},${csvField(r.nip)},${csvField(r.reason)}\n`).join(''), rejectBytes);
      }
      totals.rows += batch.rows.length + batch.localRejects.length;
      totals.accepted += result.accepted;
      totals.duplicates += result.duplicates;
      totals.rejected += rejects.length;
      const saved: Checkpoint = {
        version: 1, file, size: stat.size, mtimeMs: stat.mtimeMs, ceremonyId: options.ceremonyId,
        doneThroughLine: batch.lastLine, doneBytes: batch.lastBytes, rejectBytes, totals,
      };
      writeFileAtomic(checkpointFile, JSON.stringify(saved));
      progress.update({ bytes: batch.lastBytes, totals });
    }
  }

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  function launch(batch: Batch) {
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
      if (failure) break;
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
    if (batch && !failure) launch(batch);
    await Promise.all(inFlight);
  } finally {
    closeSync(rejectFd);
    progress.done();
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
