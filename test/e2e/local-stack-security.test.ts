// The local stack keeps to itself: every listener on 127.0.0.1, no API key in its output, and DynamoDB Local
// never outlives `npm start` (SIGKILL included), an orphan of an earlier run stopped at the next start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportBody } from '../support/api.ts';
import { alive, startStack } from '../support/local-stack.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb.ts';


async function gone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // A killed child of a dead parent is reaped by init; until then it is a zombie, which is gone too.
  return !alive(pid) || /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** A pid that no process has now: a process that has already exited. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

/** The TCP sockets these processes listen on, as [local address, port] from /proc/net/tcp and tcp6. */
function listeners(pids: number[]): Array<[string, number]> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch { /* closed meanwhile */ }
    }
  }
  const found: Array<[string, number]> = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9]!)) continue; // 0A: LISTEN
      const [address, port] = cols[1]!.split(':') as [string, string];
      found.push([address, parseInt(port, 16)]);
    }
  }
  return found;
}
// 127.0.0.1 in /proc/net/tcp, and as IPv4-mapped or ::1 in tcp6 (little-endian words).
const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000']);

describe.skipIf(!existsSync('/proc/net/tcp'))('the local stack', () => {
  it('listens only on 127.0.0.1, prints no API key, and takes DynamoDB Local with it when SIGKILLed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netra-quiet-'));
    const stack = await startStack(dataDir);
    const dynamoPid = JSON.parse(readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8')).pid as number;
    try {
      const keys: Record<string, string> = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'));
      const local = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));
      // A keyed request, and a rejected one carrying a key, so a per-request console line would show it.
      expect((await fetch(`${stack.url}/v1/reports`, { method: 'POST', headers: { 'x-api-key': keys['34.02']!, 'content-type': 'application/json' }, body: JSON.stringify(reportBody()) })).status).toBe(202);
      expect((await fetch(`${stack.url}/v1/reports`, { headers: { 'x-api-key': `${keys['34.01']}x` } })).status).toBe(401);
      const output = stack.output();
      expect(output).toContain('demo-keys.json');
      for (const key of Object.values(keys)) {
        expect(output).not.toContain(key);
        expect(output).not.toContain(key.slice(-20)); // nor a recognisable piece of one
      }

      const sockets = listeners([stack.child.pid!, dynamoPid]);
      const ports = sockets.map(([, port]) => port);
      expect(ports).toContain(Number(new URL(stack.url).port));
      expect(ports).toContain(Number(new URL(local.dynamoEndpoint).port));
      for (const [address, port] of sockets) expect(LOOPBACK.has(address), `${address}:${port}`).toBe(true);
    } finally {
      stack.child.kill('SIGKILL');
    }
    // Nothing could run a clean stop: DynamoDB Local's watchdog sees its parent gone.
    expect(await gone(dynamoPid, 20_000)).toBe(true);
  }, 240_000);

  it('stops an orphan DynamoDB Local of an earlier run on the same data dir, and nothing that is not one', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'netra-orphan-')), 'dynamodb');
    const pidFile = join(dataDir, 'dynamodb-local.pid');
    // A pid file naming a process that is not DynamoDB Local: left alone.
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(pidFile, JSON.stringify({ pid: bystander.pid, parent: deadPid() }));
    const orphan = await startDynamoLocal({ dataDir });
    try {
      expect(orphan.stoppedOrphan).toBeNull();
      expect(alive(bystander.pid!)).toBe(true);
      // While the process that started it runs, it is not an orphan: a second start refuses.
      await expect(startDynamoLocal({ dataDir })).rejects.toThrow(/still running/);
      expect(alive(orphan.pid)).toBe(true);
      // Its parent gone (as after a crash before the watchdog existed), the next start stops it.
      const record = JSON.parse(readFileSync(pidFile, 'utf8'));
      writeFileSync(pidFile, JSON.stringify({ ...record, parent: deadPid() }));
      const next = await startDynamoLocal({ dataDir });
      try {
        expect(next.stoppedOrphan).toBe(orphan.pid);
        expect(await gone(orphan.pid, 1_000)).toBe(true);
        expect(JSON.parse(readFileSync(pidFile, 'utf8')).pid).toBe(next.pid);
      } finally {
        await next.stop();
      }
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      await orphan.stop();
      bystander.kill('SIGKILL');
    }
  }, 240_000);
});
