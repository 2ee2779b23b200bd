// The access log's journal and its writer (ADR 0404): an entry is kept before its answer goes out, drained into
// the table in batches, kept through a failing table and through the death of the runtime that journalled it;
// the writer reads CloudWatch Logs deliveries and gives each entry its region's retention.accessLog.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { fileAccessJournal } from '../../functions/adapters/access-journal/file-journal.ts';
import { journalValueOf, logStreamJournal } from '../../functions/adapters/access-journal/log-stream.ts';
import { journalledAccess, storeAccessEntries } from '../../functions/use-cases/access-log.ts';
import { journalValuesOf } from '../../functions/subscribers/write-access-log.ts';
import { fakeDependencies } from '../support/fakes.ts';
import type { AccessEntry } from '../../functions/domain/personal-data.schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const entry = (reportId: string, at = '2026-12-05T10:00:00.000Z'): AccessEntry => ({ at, keyId: 'K1', route: 'GET /v1/reports/{id}', reportId });
const fresh = () => mkdtempSync(join(tmpdir(), 'netra-journal-'));

/** A journal whose drain is a list of batches, failing while `failing.now` is set. */
function journalIn(dir: string, failing = { now: false }) {
  const drained: unknown[][] = [];
  const errors: unknown[] = [];
  const journal = fileAccessJournal({
    dir, delayMs: 5,
    drain: async (batch) => {
      if (failing.now) throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
      drained.push(batch);
    },
    onError: (error) => errors.push(error),
  });
  return { journal, drained, errors, ids: () => drained.flat().map((value) => (value as { entry: AccessEntry }).entry.reportId) };
}

describe('the file journal (local mode)', () => {
  it('keeps an entry before record answers, drains it behind, and empties its file', async () => {
    const dir = fresh();
    const { journal, ids } = journalIn(dir);
    await journal.record('34.02', entry('R1'));
    const [file] = readdirSync(dir);
    expect(readFileSync(join(dir, file!), 'utf8')).toContain('"reportId":"R1"'); // on disk as record answered
    await vi.waitFor(() => expect(ids()).toEqual(['R1']), { timeout: 2000 });
    await journal.flush();
    expect(readFileSync(join(dir, file!), 'utf8')).toBe('');
    expect(journal.pending()).toBe(0);
    journal.stop();
  });

  it('a failing table never fails the record; the entries wait in the file and are written once when it is back', async () => {
    const failing = { now: true };
    const { journal, ids, errors } = journalIn(fresh(), failing);
    for (const id of ['R1', 'R2', 'R3']) await expect(journal.record('34.02', entry(id))).resolves.toBeUndefined();
    await expect(journal.flush()).rejects.toThrow('throttled');
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 2000 }); // the timer's drain failed too
    expect(journal.pending()).toBe(3);
    failing.now = false;
    await journal.flush();
    expect(ids()).toEqual(['R1', 'R2', 'R3']);
    await journal.flush();
    expect(ids()).toEqual(['R1', 'R2', 'R3']); // nothing written twice
    journal.stop();
  });

  it('a runtime killed right after its answers leaves its entries; the next runtime claims and writes them', async () => {
    const dir = fresh();
    const script = join(dir, 'die.ts');
    // A runtime that journals two reads and is SIGKILLed before any drain can run.
    writeFileSync(script, `
      import { fileAccessJournal } from ${JSON.stringify(join(ROOT, 'functions/adapters/access-journal/file-journal.ts'))};
      const journal = fileAccessJournal({ dir: ${JSON.stringify(dir)}, delayMs: 60_000, drain: async () => {}, onError: () => {} });
      await journal.record('34.02', ${JSON.stringify(entry('R1'))});
      await journal.record('34.02', ${JSON.stringify(entry('R2'))});
      process.kill(process.pid, 'SIGKILL');
    `);
    const child = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const { journal, ids } = journalIn(dir);
    expect(journal.pending()).toBe(2);
    await journal.flush();
    expect(ids()).toEqual(['R1', 'R2']);
    expect(journal.pending()).toBe(0);
    expect(readdirSync(dir).filter((name) => name.endsWith('.claimed'))).toEqual([]); // drained, then removed
    // A second newcomer finds nothing left to claim.
    const second = journalIn(dir);
    await second.journal.flush();
    expect(second.ids()).toEqual([]);
    journal.stop();
    second.journal.stop();
  });

  it('a line torn by a crash is not drained until whole; garbage is handed over as null and skipped by the writer', async () => {
    const dir = fresh();
    const { journal, drained } = journalIn(dir);
    await journal.record('34.02', entry('R1'));
    const [file] = readdirSync(dir).filter((name) => name.endsWith('.ndjson'));
    writeFileSync(join(dir, file!), 'not json\n{"regionId":"34.02","id":"X","entry":{"at"', { flag: 'a' });
    await journal.flush();
    expect(drained.flat()).toEqual([expect.objectContaining({ regionId: '34.02' }), null]);
    expect(drained.flat().map(journalledAccess)).toEqual([expect.objectContaining({ regionId: '34.02' }), null]);
    journal.stop();
  });
});

describe('the log-stream journal (AWS) and the writer\'s deliveries', () => {
  const delivery = (messages: string[], messageType = 'DATA_MESSAGE') => ({
    awslogs: { data: gzipSync(JSON.stringify({ messageType, logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 0, message })) })).toString('base64') },
  });

  it('writes one line per entry, which a delivery gives back as written, plain or wrapped by the runtime', async () => {
    const lines: string[] = [];
    await logStreamJournal((line) => lines.push(line)).record('34.02', entry('R1'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const line = lines[0]!.trim();
    const wrapped = JSON.stringify({ timestamp: '2026-12-05T10:00:00.000Z', level: 'INFO', requestId: 'r', message: line });
    const values = journalValuesOf(delivery([line, wrapped, '{"level":"INFO","message":"report read"}', 'START RequestId: r']));
    expect(values).toHaveLength(2);
    for (const value of values) expect(journalledAccess(value)).toEqual({ regionId: '34.02', id: expect.any(String), entry: entry('R1') });
    expect(journalValuesOf(delivery([], 'CONTROL_MESSAGE'))).toEqual([]);
    expect(journalValueOf('{"netraAccessEntry"')).toBeUndefined();
  });

  it('refuses values that are not entries: no region, no id, a bad time, a caller\'s junk', () => {
    for (const value of [null, 'x', {}, { regionId: '34.02', id: 'a' }, { regionId: '', id: 'a', entry: entry('R1') },
      { regionId: '34.02', id: 'a', entry: { ...entry('R1'), at: 'yesterday' } }, { regionId: '34.02', id: 'a', entry: { keyId: 'K' } }]) {
      expect(journalledAccess(value), JSON.stringify(value)).toBeNull();
    }
  });
});

describe('retention.accessLog, applied when the writer writes', () => {
  it('each entry expires its own region\'s period after its access; a changed setting applies to entries written after it', async () => {
    const fakes = fakeDependencies();
    await fakes.directory.mergeSettings('34.01', { retention: { reports: 'P5Y', signatories: 'P5Y', accessLog: 'P90D' } }, '2026-12-01T00:00:00.000Z');
    const batch = [
      { regionId: '34.01', id: 'a', entry: entry('R1', '2026-12-05T10:00:00.000Z') },
      { regionId: '34.02', id: 'b', entry: entry('R2', '2026-12-05T10:00:00.000Z') },
    ];
    await storeAccessEntries(fakes, batch);
    expect(fakes.accessLogWriter.written.get('a')!.expiresAt.toISOString()).toBe('2027-03-05T10:00:00.000Z'); // P90D
    expect(fakes.accessLogWriter.written.get('b')!.expiresAt.toISOString()).toBe('2028-12-05T10:00:00.000Z'); // the default, P2Y
    await fakes.directory.mergeSettings('34.01', { retention: { reports: 'P5Y', signatories: 'P5Y', accessLog: 'P1Y' } }, '2026-12-06T00:00:00.000Z');
    await storeAccessEntries(fakes, [{ regionId: '34.01', id: 'c', entry: entry('R1', '2026-12-06T10:00:00.000Z') }]);
    expect(fakes.accessLogWriter.written.get('c')!.expiresAt.toISOString()).toBe('2027-12-06T10:00:00.000Z');
    expect(fakes.accessLogWriter.written.get('a')!.expiresAt.toISOString()).toBe('2027-03-05T10:00:00.000Z'); // as written
  });

  it('answers each key\'s distinct reports of the hour; a batch whose settings cannot be read writes nothing and throws', async () => {
    const fakes = fakeDependencies();
    const reads = await storeAccessEntries(fakes, ['R1', 'R2', 'R1'].map((id, i) => ({ regionId: '34.02', id: `e${i}`, entry: entry(id) })));
    expect(reads).toEqual([{ keyId: 'K1', hour: '2026-12-05T10', distinctReports: 2 }]);
    vi.spyOn(fakes.directory, 'getSettings').mockRejectedValueOnce(new Error('DynamoDB unreachable'));
    await expect(storeAccessEntries(fakes, [{ regionId: '34.02', id: 'z', entry: entry('R3') }])).rejects.toThrow('unreachable');
    expect(fakes.accessLogWriter.written.has('z')).toBe(false);
  });
});
