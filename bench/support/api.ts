// The benchmark's side of the API child (api-server.ts): starts it, sends requests, reads its meter.
import { apiClient } from '../../infra/local/api-client.ts';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_REPORT } from '../../infra/local/demo-data.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface MeterReading {
  calls: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
  /** Every Lambda handler invocation since the reset, by function (`http/submit-report`, `steps/start-review`). */
  invocations: { fn: string; ms: number }[];
  /** Calls to the reporter key (one KMS request each in AWS). */
  kmsRequests: number;
}

export interface BenchApi {
  url: string;
  /** Bantul's (34.02) key, and every demo region's. */
  key: string;
  keys: Record<string, string>;
  dataDir: string;
  request(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  meter(): Promise<MeterReading>;
  resetMeter(): Promise<void>;
  /** Whether the intake starts executions (off: the intake's own work alone). */
  startExecutions(start: boolean): Promise<void>;
  /** How answers naming a person log: `journal` (as netra does, ADR 0404), `table` (the entry written beside the
   *  read and awaited, as before it), `off` (as netra read before the log). */
  accessLog(mode: 'journal' | 'table' | 'off'): Promise<void>;
  execution(name: string): Promise<{ status: string; history: string[]; waiting?: { stateName: string } } | null>;
  /** Waits until no DynamoDB call has been made for a while: executions in the background have reached a wait. */
  settle(quietMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchApi(options: { endpoint: string; table: string; dataDir: string; meter?: boolean }): Promise<BenchApi> {
  rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const args = ['--experimental-strip-types', '--no-warnings', 'bench/support/api-server.ts', options.endpoint, options.table, options.dataDir];
  const child = spawn(process.execPath, options.meter ? [...args, '--meter'] : args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ url: string; key: string; keys: Record<string, string> }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
    });
    child.once('exit', (code) => reject(new Error(`API server exited (${code}): ${stderr}`)));
  });

  const request: BenchApi['request'] = apiClient(started.url, started.key);
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await request(path, { key: null, ...init });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    ...started,
    dataDir: options.dataDir,
    request,
    meter: () => call('/bench/meter'),
    resetMeter: () => call('/bench/meter/reset', { method: 'POST' }),
    startExecutions: (start) => call('/bench/workflow', { method: 'PUT', body: JSON.stringify({ start }) }),
    accessLog: (mode) => call('/bench/access-log', { method: 'PUT', body: JSON.stringify({ mode }) }),
    execution: (name) => call(`/bench/executions/${encodeURIComponent(name)}`),
    async settle(quietMs = 1_000) {
      const deadline = Date.now() + 120_000;
      for (let calls = -1; Date.now() < deadline; ) {
        const now = ((await call('/bench/meter')) as MeterReading).calls;
        if (now === calls) return;
        calls = now;
        await new Promise((resolve) => setTimeout(resolve, quietMs));
      }
      throw new Error('the API child did not settle in 2 minutes');
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A report body the intake accepts (Bantul's `disdik`, whose head reviews it). */
export function reportBody(overrides: Record<string, unknown> = {}) {
  return { ...structuredClone(DEMO_REPORT), ...overrides };
}
