// The import's checkpoint file: where a rerun of the same command goes on, written atomically after each
// contiguous run of answered batches, and refused when it belongs to another file, ceremony or version of the file.
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync, type Stats } from 'node:fs';
import { ImportError } from './import-errors.ts';

export interface Totals {
  rows: number;
  accepted: number;
  duplicates: number;
  resent: number;
  rejected: number;
}

export interface Checkpoint {
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
  totals: Omit<Totals, 'resent'> & { resent?: number };
}

/** The checkpoint of an interrupted import of this file and ceremony, if there is one to resume from. */
export function readCheckpoint(path: string, file: string, stat: Stats, ceremonyId: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  const saved = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  if (saved.file !== file || saved.ceremonyId !== ceremonyId) {
    throw new ImportError(`The checkpoint ${path} belongs to another file or ceremony; pass --restart to start over.`);
  }
  if (saved.size !== stat.size || saved.mtimeMs !== stat.mtimeMs) {
    throw new ImportError(`${file} changed since the interrupted import; pass --restart to send it again from the top (already stored rows come back as duplicates).`);
  }
  return saved;
}

/** Replaces the checkpoint in one rename, so a crash leaves the old one or the new one, never half of either. */
export function writeCheckpoint(path: string, checkpoint: Checkpoint) {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, JSON.stringify(checkpoint));
  closeSync(fd);
  renameSync(tmp, path);
}
