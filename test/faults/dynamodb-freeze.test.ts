// DynamoDB unresponsive while reports are in flight, and the stack killed mid-approval: `npm start` run as a
// child with its own DynamoDB Local (never the shared one other test files use), frozen with SIGSTOP and
// resumed with SIGCONT, or SIGKILLed (its DynamoDB Local then stops in order). Retries run the deployed backoff at a
// twentieth of its time (NETRA_WORKFLOW_TIME_SCALE; a function's own timeout is never scaled), the reconciler
// every 5 s.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, startStack, type RunningStack } from '../support/local-stack.ts';
import { freezeScenario } from '../support/freeze.ts';
import { DEMO_REPORT } from '../../infra/local/demo-data.ts';

// Warnings reach netra.log (the tests' own environment silences Powertools): a mark retried says so there.
const FAULT_ENV = { NETRA_RECONCILE_SECONDS: '5', NETRA_WORKFLOW_TIME_SCALE: '0.05', POWERTOOLS_LOG_LEVEL: 'WARN' };

describe('DynamoDB Local frozen while reports are in flight', () => {
  let stack: RunningStack;
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-freeze-'));
  beforeAll(async () => {
    stack = await startStack(dataDir, FAULT_ENV);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  it.each([[20_000], [90_000]])('for %i ms: every report reaches its next wait with its approver e-mailed once, counts exact', async (freezeMs) => {
    const logFile = join(dataDir, 'netra.log'); // where npm start writes the Powertools logs
    const logged = statSync(logFile).size;
    const result = await freezeScenario({
      url: stack.url, dataDir, regionId: '34.01', reports: 6, duringOutage: 2, freezeMs, settleMs: 150_000, label: `freeze-${freezeMs}`,
    });
    expect(result.problems, stack.output().slice(-2000)).toEqual([]);
    expect(result.accepted).toHaveLength(8);
    // A mark the freeze stopped right after its e-mail is retried within its step (5 minutes), not sent again.
    expect(result.duplicateMails).toBe(0);
    // Frozen a millisecond after the first e-mail (freeze.ts): at least that send's mark met the outage.
    const marksRetried = readFileSync(logFile).subarray(logged).toString('utf8').split('\n').filter((line) => line.includes('its mark is retried') && line.includes('"attempt":1,')).length;
    expect(marksRetried).toBeGreaterThanOrEqual(1);
    console.log(`freeze ${freezeMs} ms: converged ${result.convergedMs} ms after SIGCONT, ${result.repairs} repairs, ${marksRetried} marks rode it out in their step, ${result.duplicateMails} reports e-mailed twice`);
  }, 360_000);
});

describe('the stack SIGKILLed mid-approval', () => {
  let stack: RunningStack;
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-kill-'));
  beforeAll(async () => {
    stack = await startStack(dataDir, FAULT_ENV);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  it('restarts with the link working, and the report closes', async () => {
    try {
      await killedMidApproval();
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- npm start said:\n${stack.output().slice(-3000)}`);
    }
  }, 180_000);

  async function killedMidApproval() {
    const keys = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'));
    const request = (url: string, path: string, init: RequestInit = {}) =>
      fetch(`${url}${path}`, { ...init, headers: { 'x-api-key': keys['34.01'], 'content-type': 'application/json', accept: 'application/json', ...init.headers } });
    const submitted = await request(stack.url, '/v1/reports', { method: 'POST', body: JSON.stringify(DEMO_REPORT) }).catch((error) => {
      throw new Error(`${error.message}: ${stack.output().slice(-3000)}`);
    });
    expect(submitted.status).toBe(202);
    const { id, receiptCode } = await submitted.json();
    const linkTo = async (url: string, to: RegExp) => {
      for (let i = 0; i < 200; i++) {
        const mails = (await (await request(url, '/local/outbox')).json()).messages.filter((m: any) => m.subject.includes(receiptCode) && to.test(m.to[0]) && !m.subject.includes('Pengingat'));
        if (mails.length) return { link: /https?:\/\/\S+\/decisions\/\S+/.exec(mails.at(-1).text)![0], count: mails.length };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail to ${to}`);
    };
    const opd = await linkTo(stack.url, /^kepala\.disdik@/);
    const post = (link: string, fields: Record<string, string>) =>
      fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect((await post(opd.link, { outcome: 'FORWARD' })).status).toBe(200);
    const bkpp = await linkTo(stack.url, /^bkpp@/);
    // Mid-approval: BKPP was asked and the request is on the timeline (a kill between the send and that mark
    // would send the same link again, see docs/operations.md).
    for (let i = 0; i < 200; i++) {
      const r = await (await request(stack.url, `/v1/reports/${id}`)).json();
      if (r.timeline.filter((e: any) => e.action === 'DECISION_REQUESTED').length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Killed as a crash kills it: the server, no shutdown. DynamoDB Local stops in order by its watchdog (its stdin
    // closes): SIGKILLed itself it loses writes it had acknowledged, which AWS does not (docs/testing.md).
    const local = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));
    stack.child.kill('SIGKILL');
    await new Promise((resolve) => stack.child.once('exit', resolve));
    for (let waited = 0; alive(local.dynamoPid) && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    stack = await startStack(dataDir, FAULT_ENV);

    // The link e-mailed before the crash decides; a restarted stack may not swap the link for another.
    const port = new URL(stack.url).port;
    const link = bkpp.link.replace(/:\d+\//, `:${port}/`);
    expect((await fetch(link)).status).toBe(200);
    expect((await post(link, { outcome: 'DISMISS', notes: 'Tidak cukup bukti' })).status).toBe(200);
    for (let i = 0; i < 300; i++) {
      const report = await (await request(stack.url, `/v1/reports/${id}`)).json();
      if (report.bawasluNotifiedAt) {
        expect(report.status).toBe('DISMISSED');
        expect(report.timeline.filter((e: any) => e.action === 'BAWASLU_NOTIFIED')).toHaveLength(1);
        expect((await linkTo(stack.url, /^bkpp@/)).count).toBe(1);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('Bawaslu was never told');
  }
});
