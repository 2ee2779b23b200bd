// Appeals under faults, against a running `npm start` with its own DynamoDB Local: a filing sent while DynamoDB is
// frozen (SIGSTOP) answers 503 with Retry-After and, retried after SIGCONT, leaves one appeal and exact counts; an
// objection's decision during a freeze is a 503 page, and after netra is SIGKILLed and restarted the same link
// decides once; netra SIGKILLed while a BANDING waits comes back with it open, and BPASN's decision recorded then
// moves the sanction once and reaches Bawaslu once.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, startStack, type RunningStack } from '../support/local-stack.ts';
import { DEMO_REPORT } from '../../infra/local/demo-data.ts';

const FAULT_ENV = { NETRA_RECONCILE_SECONDS: '5', NETRA_WORKFLOW_TIME_SCALE: '0.05', POWERTOOLS_LOG_LEVEL: 'WARN' };
const REGION = '34.01'; // Kulon Progo: its agency is BKPP (bkpp@...)

describe('appeals when DynamoDB freezes and the stack dies', () => {
  let stack: RunningStack;
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-appeals-'));
  beforeAll(async () => {
    stack = await startStack(dataDir, FAULT_ENV);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  const keys = () => JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'));
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) =>
    fetch(`${stack.url}${path}`, {
      ...init,
      ...(init.json !== undefined ? { method: 'POST', body: JSON.stringify(init.json) } : {}),
      headers: { 'x-api-key': keys()[REGION], 'content-type': 'application/json', accept: 'application/json', ...init.headers },
    });
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, tries = 600): Promise<T> => {
    for (let i = 0; i < tries; i++) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} never happened:\n${stack.output().slice(-2000)}`);
  };
  const linkTo = (receiptCode: string, to: RegExp) => until(`a link to ${to}`, async () => {
    const mails = (await (await request('/local/outbox')).json()).messages.filter((m: any) => m.subject.includes(receiptCode) && to.test(m.to[0]) && /Mohon keputusan/.test(m.subject));
    return mails.length ? /https?:\/\/\S+\/decisions\/\S+/.exec(mails[0].text)![0] as string : undefined;
  });
  const form = (link: string, fields: Record<string, string>) =>
    fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const report = async (id: string) => (await request(`/v1/reports/${id}`)).json();
  /** netra's process SIGKILLed, as a crash kills it; its DynamoDB Local then stops in order by its watchdog (stdin
   *  closed), as AWS DynamoDB keeps every write it acknowledged. (SIGKILLing DynamoDB Local itself loses the writes
   *  of its last moment, acknowledged or not: see docs/testing.md.) Then the stack starts again on the same data. */
  async function crashAndRestart() {
    const { dynamoPid } = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));
    stack.child.kill('SIGKILL');
    await new Promise((resolve) => stack.child.once('exit', resolve));
    for (let waited = 0; alive(dynamoPid) && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    stack = await startStack(dataDir, FAULT_ENV);
  }
  /** A link an e-mail carried, on the running stack (its origin is the port of the stack that sent it). */
  const onStack = (link: string) => `${stack.url}${new URL(link).pathname}${new URL(link).search}`;

  async function sanctioned(level: string, sanction: string): Promise<string> {
    const body = { ...DEMO_REPORT, employee: { ...DEMO_REPORT.employee, opdId: 'dpupr' } };
    const submitted = await (await request('/v1/reports', { json: body })).json();
    expect((await form(await linkTo(submitted.receiptCode, /^bkpp@/), { outcome: 'RECOMMEND', level, sanction, notes: 'Terbukti.' })).status).toBe(200);
    expect((await form(await linkTo(submitted.receiptCode, /^ppk@/), { outcome: 'IMPOSE', level, sanction, decreeNumber: '800/3/2026', notes: 'Terbukti.' })).status).toBe(200);
    await until('SANCTIONED', async () => ((await report(submitted.id)).status === 'SANCTIONED' ? true : undefined));
    return submitted.id;
  }

  it('a filing during a freeze is 503 with Retry-After; its retry leaves one appeal, one entry, exact counts', async () => {
    const id = await sanctioned('SEDANG', 'POTONG_TUKIN_9');
    const stats = async () => (await (await request('/v1/stats?electionId=pilkada-2024')).json()).appeals;
    const before = await stats();
    const filing = { kind: 'KEBERATAN', filedAt: new Date().toISOString(), grounds: 'Saya hadir pasif tanpa atribut.' };
    const { dynamoPid } = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));
    process.kill(dynamoPid, 'SIGSTOP');
    let during: Response;
    try {
      during = await request(`/v1/reports/${id}/appeals`, { json: filing });
    } finally {
      process.kill(dynamoPid, 'SIGCONT');
    }
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(during.headers.get('content-type')).toContain('application/problem+json');
    // The client retries: created now (201), or found open (409) when the frozen attempt landed after all.
    const retried = await until('the retry answered', async () => {
      const r = await request(`/v1/reports/${id}/appeals`, { json: filing });
      return r.status === 503 ? undefined : r.status;
    });
    expect([201, 409]).toContain(retried);
    const after = await report(id);
    expect(after.appeals).toHaveLength(1);
    expect(after.timeline.filter((e: any) => e.action === 'APPEAL_FILED')).toHaveLength(1);
    const now = await stats();
    expect([now.filed - before.filed, now.open - before.open]).toEqual([1, 1]);
  }, 300_000);

  it('an objection waiting for the PPK: a decision during a freeze is a 503 page, netra SIGKILLed and restarted, the link then decides once and Bawaslu hears it once', async () => {
    const id = await sanctioned('SEDANG', 'POTONG_TUKIN_9');
    const { receiptCode } = await report(id);
    const filed = await (await request(`/v1/reports/${id}/appeals`, { json: { kind: 'KEBERATAN', filedAt: new Date().toISOString(), grounds: 'Saya hadir pasif.' } })).json();
    expect(filed.status).toBe('OPEN');
    const link = await until('the objection\'s link', async () => {
      const mails = (await (await request('/local/outbox')).json()).messages.filter((m: any) => m.subject.includes(receiptCode) && /^ppk@/.test(m.to[0]) && /Keberatan/.test(m.subject));
      return mails.length ? /https?:\/\/\S+\/decisions\/\S+/.exec(mails[0].text)![0] as string : undefined;
    });
    const fields = { outcome: 'RINGANKAN', sanction: 'POTONG_TUKIN_6', decreeNumber: '800/30/2026', notes: 'Diperingan.' };

    const { dynamoPid } = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));
    process.kill(dynamoPid, 'SIGSTOP');
    let during: Response;
    try {
      during = await form(link, fields);
    } finally {
      process.kill(dynamoPid, 'SIGCONT');
    }
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(during.headers.get('content-type')).toContain('text/html');

    await crashAndRestart();

    // The PPK tries again: decided now (200), or found decided (409) when the frozen attempt landed after all.
    const answered = await until('the decision answered', async () => {
      const r = await form(onStack(link), fields);
      return r.status === 503 ? undefined : r.status;
    });
    expect([200, 409]).toContain(answered);
    const told = await until('Bawaslu told of the objection\'s decision', async () => {
      const r = await request(`/v1/reports/${id}`);
      if (r.status !== 200) return undefined;
      const body = await r.json();
      return body.timeline.some((e: any) => e.action === 'BAWASLU_NOTIFIED' && e.event === 'report.appeal_decided') ? body : undefined;
    });
    expect(told.sanction).toMatchObject({ sanction: 'POTONG_TUKIN_6' });
    expect(told.sanctionHistory).toHaveLength(1);
    expect(told.timeline.filter((e: any) => e.action === 'APPEAL_DECIDED')).toHaveLength(1);
    const mails = (await (await request('/local/outbox')).json()).messages.filter((m: any) => m.subject.includes(receiptCode) && /diputus/.test(m.subject));
    expect(mails).toHaveLength(1);
  }, 300_000);

  it('SIGKILLed while a BANDING waits: after the restart it is open, and its decision lands once and reaches Bawaslu once', async () => {
    const id = await sanctioned('BERAT', 'PEMBERHENTIAN');
    const filed = await (await request(`/v1/reports/${id}/appeals`, { json: { kind: 'BANDING', filedAt: new Date().toISOString(), grounds: 'Bukan anggota tim kampanye.' } })).json();
    expect(filed.status).toBe('OPEN');

    // Its one CI failure ("no appeals" after the restart) was the test's own doing: it SIGKILLed DynamoDB Local
    // right after the filing's 201, and DynamoDB Local loses the transactions of its last moment when killed (6
    // of 15 measured; none when it stops in order). netra's crash is the fault under test, not storage that loses
    // acknowledged writes, which AWS DynamoDB does not.
    await crashAndRestart();

    // The restarted stack may answer 503 (with Retry-After) while its cold DynamoDB Local is slower than the
    // client's 4 s timeout: a client retries, and so does this test.
    const open = await until('the report read after the restart', async () => {
      const r = await request(`/v1/reports/${id}`);
      return r.status === 200 ? r.json() : undefined;
    });
    expect(open.appeals[0]).toMatchObject({ id: filed.appealId, status: 'OPEN' });
    expect(open.timeline.filter((e: any) => e.action === 'APPEAL_FILED')).toHaveLength(1);
    const decision = { outcome: 'UBAH', decisionNumber: 'BPASN/4/2026', decidedAt: new Date().toISOString(), sanction: 'PENURUNAN_JABATAN_12' };
    // Recording the same decision again answers the same (a retry after a 503 changes nothing twice).
    const recorded = await until('the decision recorded', async () => {
      const r = await request(`/v1/reports/${id}/appeals/${filed.appealId}/decision`, { json: decision });
      return r.status === 503 ? undefined : r;
    });
    expect(recorded.status, await recorded.clone().text()).toBe(200);
    const told = await until('Bawaslu told of the appeal', async () => {
      const r = await report(id);
      return r.timeline.some((e: any) => e.action === 'BAWASLU_NOTIFIED' && e.event === 'report.appeal_decided') ? r : undefined;
    });
    expect(told.sanction).toMatchObject({ sanction: 'PENURUNAN_JABATAN_12' });
    expect(told.sanctionHistory).toHaveLength(1);
    const mails = (await (await request('/local/outbox')).json()).messages.filter((m: any) => m.subject.includes(told.receiptCode) && /diputus/.test(m.subject));
    expect(mails).toHaveLength(1);
  }, 300_000);
});
