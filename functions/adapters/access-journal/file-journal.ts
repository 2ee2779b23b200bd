// The access log's journal in local mode: a file of its own per runtime under the data directory, appended before
// an answer goes out and drained into the table in batches behind it (ADR 0404). A runtime that dies leaves its
// file; the next one to start claims it and drains it (writes are idempotent by entry id).
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AccessLog } from '#ports';
import type { JournalledAccess } from '#domain/personal-data.schema';
import { ulid } from '#domain/ids';

export interface FileJournalOptions {
  /** The journal's directory (`$NETRA_DATA_DIR/access-journal`). */
  dir: string;
  /** Writes a batch to the table; throws to keep it for the next drain. */
  drain(batch: unknown[]): Promise<void>;
  /** A failed drain: the entries stay in the file and are tried again (with a growing pause). */
  onError(error: unknown, pending: number): void;
  /** How long an entry may wait for its batch (ms): long enough that a busy minute costs a few batch calls, not a
   *  call a read (a list of the log drains first, so nothing waits on it but the table). */
  delayMs?: number;
  /** Entries per drain call. */
  batchSize?: number;
}

export interface FileJournal extends Pick<AccessLog, 'record'> {
  /** Drains what is journalled now (a list read waits for it, so local answers list their own reads); throws what
   *  the drain threw, the entries kept. */
  flush(): Promise<void>;
  /** Entries journalled and not yet written to the table (this runtime's and those of the files it claimed). */
  pending(): number;
  /** Stops the timer (a last flush is the caller's). */
  stop(): void;
  /** Stops the timer and closes the file (the runtime is done with it; what is left, the next runtime drains). */
  close(): void;
}

const MAX_PAUSE_MS = 30_000;
/** A file name: `<pid>-<random>.ndjson`, so that several runtimes of one process (test workers) keep apart. */
const FILE = /^(\d+)-[0-9a-f]+\.ndjson$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function fileAccessJournal(options: FileJournalOptions): FileJournal {
  const { dir, delayMs = 250, batchSize = 200 } = options;
  mkdirSync(dir, { recursive: true });
  const own = join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.ndjson`);
  // Opened once for appending: a record is one write(2), not an open, a write and a close.
  const fd = openSync(own, 'a', 0o600);
  /** Bytes of the own file already in the table. */
  let drained = 0;
  /** Entries in the own file and the claimed files not yet in the table. */
  let waiting = 0;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let chain: Promise<void> = Promise.resolve();

  // Files left by runtimes that died: renamed to this runtime first (a rename is atomic, so two claimers never both
  // drain one), then drained whole before this runtime's own.
  const claimed: string[] = [];
  for (const name of readdirSync(dir)) {
    const match = FILE.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    const claim = join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.claimed`);
    try {
      renameSync(join(dir, name), claim);
      claimed.push(claim);
      waiting += linesOf(claim, 0).lines.length;
    } catch {
      // another runtime claimed it first
    }
  }

  /** Complete lines of `file` from byte `from`, and the byte after the last of them. A last line without its newline
   *  was cut by a crash inside its append: its record never answered, so no answer went out without it. */
  function linesOf(file: string, from: number): { lines: string[]; end: number } {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= from) return { lines: [], end: from };
      const buffer = Buffer.alloc(size - from);
      readSync(fd, buffer, 0, buffer.length, from);
      const last = buffer.lastIndexOf(0x0a);
      if (last < 0) return { lines: [], end: from };
      return { lines: buffer.subarray(0, last).toString('utf8').split('\n'), end: from + last + 1 };
    } finally {
      closeSync(fd);
    }
  }

  async function drainLines(lines: string[]) {
    const values = lines.filter(Boolean).map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return null; // a line torn by a crash mid-write: nothing to write
      }
    });
    for (let i = 0; i < values.length; i += batchSize) await options.drain(values.slice(i, i + batchSize));
  }

  async function drainOnce() {
    while (claimed.length) {
      const file = claimed[0]!;
      const { lines } = linesOf(file, 0);
      await drainLines(lines);
      rmSync(file, { force: true });
      claimed.shift();
      waiting -= lines.length;
    }
    const { lines, end } = linesOf(own, drained);
    await drainLines(lines);
    drained = end;
    waiting -= lines.length;
    // Nothing is appended between this check and the truncation (both synchronous): the file is empty again.
    if (fstatSync(fd).size === drained) {
      ftruncateSync(fd, 0); // appends (O_APPEND) go to the new end
      drained = 0;
    }
  }

  function schedule(ms: number) {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      journal.flush().then(
        () => (failures = 0),
        (error: unknown) => {
          failures++;
          options.onError(error, journal.pending());
          schedule(Math.min(MAX_PAUSE_MS, delayMs * 2 ** Math.min(failures, 16)));
        },
      );
    }, ms);
    timer.unref();
  }

  const journal: FileJournal = {
    async record(regionId, entry) {
      const value: JournalledAccess = { regionId, id: ulid(Date.parse(entry.at)), entry };
      writeSync(fd, `${JSON.stringify(value)}\n`);
      waiting++;
      schedule(delayMs);
    },
    flush() {
      const run = chain.then(drainOnce);
      chain = run.catch(() => undefined);
      return run;
    },
    pending: () => waiting,
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    close() {
      journal.stop();
      closeSync(fd);
    },
  };
  if (claimed.length) schedule(delayMs);
  return journal;
}
