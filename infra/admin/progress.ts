// Import progress on stderr: a redrawn bar with rows/s and ETA on a terminal, a plain line now and then otherwise.

interface Totals {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface ProgressOptions {
  out: { write(text: string): unknown; isTTY?: boolean };
  totalBytes: number;
  /** Bytes already done by an earlier, interrupted run. */
  startBytes: number;
  intervalMs: number;
}

const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (v: number) => String(v).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export class Progress {
  private readonly options: ProgressOptions;
  private readonly tty: boolean;
  private bytes: number;
  private totals: Totals = { rows: 0, accepted: 0, duplicates: 0, rejected: 0 };
  private rowsPerSecond = 0;
  private bytesPerSecond = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private message = '';

  constructor(options: ProgressOptions) {
    this.options = options;
    this.tty = Boolean(options.out.isTTY);
    this.bytes = options.startBytes;
  }

  /** Rows answered by the API in this run, for the rate. */
  rate(rowsSent: number, elapsedMs: number) {
    this.rowsPerSecond = rowsSent / Math.max(elapsedMs / 1000, 0.001);
  }

  update(state: { bytes: number; totals: Totals }) {
    this.bytes = state.bytes;
    this.totals = state.totals;
    this.bytesPerSecond = (this.bytes - this.options.startBytes) / Math.max((Date.now() - this.started) / 1000, 0.001);
    this.draw(false);
  }

  /** A passing remark, such as a retry, shown with the next line. */
  note(message: string) {
    this.message = message;
    if (!this.tty) this.options.out.write(`  ${message}\n`);
  }

  done() {
    this.draw(true);
    if (this.tty) this.options.out.write('\n');
  }

  private line(width: number): string {
    const { totalBytes } = this.options;
    const fraction = totalBytes ? Math.min(1, this.bytes / totalBytes) : 1;
    const eta = this.bytesPerSecond > 0 ? (totalBytes - this.bytes) / this.bytesPerSecond : Number.POSITIVE_INFINITY;
    const t = this.totals;
    const stats =
      `${(fraction * 100).toFixed(1).padStart(5)}% ${number(t.rows)} rows  ${number(this.rowsPerSecond)} rows/s  ETA ${formatDuration(eta)}  ` +
      `accepted ${number(t.accepted)} dup ${number(t.duplicates)} rejected ${number(t.rejected)}` +
      (this.message ? `  (${this.message})` : '');
    if (!width) return stats;
    const barWidth = 24;
    const filled = Math.round(fraction * barWidth);
    return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${stats}`.slice(0, width - 1);
  }

  private draw(force: boolean) {
    const now = Date.now();
    const interval = this.tty ? 100 : this.options.intervalMs;
    if (!force && now - this.lastDraw < interval) return;
    this.lastDraw = now;
    if (this.tty) {
      const columns = (this.options.out as NodeJS.WriteStream).columns || 120;
      this.options.out.write(`\r\x1b[K${this.line(columns)}`);
    } else {
      this.options.out.write(`${this.line(0)}\n`);
    }
    this.message = '';
  }
}
