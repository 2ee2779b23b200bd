// Streams a signatory CSV through POST /v1/ceremonies/{id}/signatories: batches in flight at a bounded
// number, settled in file order into a checkpoint to resume from and a reject file with line numbers.
import { createReadStream, existsSync, openSync, closeSync, ftruncateSync, rmSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSignatoryCsv, type SignatoryRowOut } from './signatory-csv.ts';
import { Progress } from './progress.ts';
import { csvLines } from '../../functions/lib/csv.ts';
import { importApi } from './import-api.ts';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './import-checkpoint.ts';
import { ImportError, ImportInterrupted } from './import-errors.ts';

/** Requests in flight by default. A region's signatures are written one request at a time (the signature
 *  writer's lease), and a request that waits longer than the lease wait (3 s) answers 503; two keep the next batch
 *  uploaded and checked while one writes, and no more queue behind it (four stalled a loaded local stack). */
export const DEFAULT_IMPORT_CONCURRENCY = 2;

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

export async function importSignatories(options: ImportOptions): Promise<ImportSummary> {
  const file = resolve(options.file);
  const batchSize = options.batchSize ?? 1_000;
  const concurrency = options.concurrency ?? DEFAULT_IMPORT_CONCURRENCY;
  const maxAttempts = options.maxAttempts ?? 10;
  const checkpointFile = options.checkpointFile ?? `${file}.checkpoint.json`;
  const rejectFile = options.rejectFile ?? `${file}.rejects.csv`;
  const url = options.url.replace(/\/+$/, '');
  if (!existsSync(file)) throw new ImportError(`Berkas tidak ada / no such file: ${file}`);
  const stat = statSync(file);

  const checkpoint = options.restart ? undefined : readCheckpoint(checkpointFile, file, stat, options.ceremonyId);
  const totals = checkpoint ? { resent: 0, ...checkpoint.totals } : { rows: 0, accepted: 0, duplicates: 0, resent: 0, rejected: 0 };
  const resumedFromLine = checkpoint?.doneThroughLine ?? 0;
  // Batches the interrupted run sent but never heard back from: their "duplicates" are most likely its own rows.
  const resentThroughLine = checkpoint?.sentThroughLine ?? resumedFromLine;
  let sentThroughLine = resumedFromLine;
  let lastSaved: Checkpoint | undefined = checkpoint;

  const api = importApi({ url, key: options.key, maxAttempts, abandon: options.abandon });
  // Fail fast on a wrong key or ceremony before reading 4 million lines.
  const opdByName = await api.directoryOpds();

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
    const answer = await api.postBatch(options.ceremonyId, batch.rows, batch.lines[0]!, batch.lastLine, (attempt, why) => progress.note(`retry ${attempt} (${why})`));
    const rejects = answer.rejected.map((r) => ({
      line: batch.lines[r.index]!,
      nip: batch.nips[r.index]!,
      reason: r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
    }));
    return { accepted: answer.accepted, duplicates: answer.duplicates, rejects };
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
      writeCheckpoint(checkpointFile, saved);
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
    writeCheckpoint(checkpointFile, { ...done, sentThroughLine: Math.max(done.sentThroughLine ?? 0, sentThroughLine) });
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
