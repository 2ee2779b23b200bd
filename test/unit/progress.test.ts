// The import progress line: a bar with rows/s and ETA on a terminal, plain lines elsewhere.
import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from '../../infra/admin/progress.ts';

const totals = { rows: 500, accepted: 480, duplicates: 10, rejected: 10 };

describe('Progress', () => {
  it('draws a bar on a terminal, even one that reports no width', () => {
    let out = '';
    const progress = new Progress({ out: { write: (t: string) => (out += t), isTTY: true }, totalBytes: 1000, startBytes: 0, intervalMs: 0 });
    progress.rate(500, 2000);
    progress.update({ bytes: 500, totals });
    progress.done();
    expect(out).toContain('\r\x1b[K[############------------]  50.0% 500 rows  250 rows/s  ETA ');
    expect(out).toContain('accepted 480 dup 10 rejected 10');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('writes plain lines when not a terminal', () => {
    const lines: string[] = [];
    const progress = new Progress({ out: { write: (t: string) => lines.push(t), isTTY: false }, totalBytes: 1000, startBytes: 0, intervalMs: 0 });
    progress.note('retry 1 (429)');
    progress.update({ bytes: 1000, totals });
    expect(lines[0]).toBe('  retry 1 (429)\n');
    expect(lines[1]).toMatch(/^100\.0% 500 rows .*ETA 0:00/);
    expect(lines[1]).not.toContain('\r');
  });

  it('formats durations', () => {
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
  });
});
