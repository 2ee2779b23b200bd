// The sanction workflow end to end through HTTP, the outbox and the local runner: the real step handlers,
// DynamoDB Local and the local server, walked as approvers walk it by following e-mailed links.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reportBody } from '../support/api.ts';
import { eventually, linkIn, mailTo, outbox, postForm, report, reportWithStatus, stats, submitReport, workflowApi } from '../support/workflow.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { UnavailableError } from '../../functions/domain/errors.ts';
import { signedWith, type Hook } from '../support/webhooks.ts';
import { executionName, noticeExecutionName } from '../../functions/domain/executions.ts';

const deps = dependencies();
const runner = deps.local!.runner;
const bantul = DEMO_REGIONS.find((d) => d.region.id === '34.02')!;
const kulonProgo = DEMO_REGIONS.find((d) => d.region.id === '34.01')!;
const WEBHOOK_SECRET = 'a-webhook-secret-of-bawaslu-bantul';

/** Report ids whose closing webhook this receiver refuses, and how many more times (Infinity: always). */
const refuse = new Map<string, number>();
/** How many of the next report.received webhooks this receiver refuses. */
let refuseReceived = 0;
const api = workflowApi({
  bawaslu: {
    secret: WEBHOOK_SECRET,
    refuse: (json) => {
      if (json.event === 'report.received' && refuseReceived > 0) {
        refuseReceived--;
        return true;
      }
      const left = json.event === 'report.closed' ? refuse.get(json.report.id) ?? 0 : 0;
      if (left > 0) refuse.set(json.report.id, left - 1);
      return left > 0;
    },
  },
});
const { hooks } = api;

const reporter = reportBody().reporter as { name: string; contact: string };
const mail = (box: string, domain = bantul.domain) => `${box}@${domain}`;

const submit = (overrides: Record<string, unknown> = {}, key?: string) => submitReport(api, overrides, key);

const closedHook = (id: string) => eventually('the closing webhook', async () => hooks.find((h) => h.json.report.id === id && h.json.event === 'report.closed'));

const verify = (hook: Hook) => signedWith(WEBHOOK_SECRET, hook);

function noReporterIdentity(text: string) {
  expect(text).not.toContain(reporter.name);
  expect(text).not.toContain(reporter.contact);
}

describe('a report walked from the OPD head to the PPK', () => {
  it('ends SANCTIONED, and Bawaslu gets the e-mail and the signed webhook', async () => {
    const before = await stats(api);
    const { id, receiptCode } = await submit();

    const opdMail = await mailTo(api, mail('kepala.disdik'), receiptCode);
    expect(opdMail.subject).toMatch(/^\[netra\] Mohon keputusan: laporan NTR-/);
    expect(opdMail.text.indexOf('Yth.')).toBeLessThan(opdMail.text.indexOf('Dear'));
    const opdPage = await fetch(linkIn(opdMail));
    expect(opdPage.status).toBe(200);
    const opdHtml = await opdPage.text();
    expect(opdHtml).toContain('<form method="post"');
    expect(opdHtml).toContain('Budi Santoso');
    noReporterIdentity(opdHtml);
    expect((await report(api, id)).status).toBe('AWAITING_OPD_REVIEW');

    const forwarded = await postForm(linkIn(opdMail), { outcome: 'FORWARD', notes: 'Bukti tangkapan layar cukup.' });
    expect(forwarded.status).toBe(200);
    expect(await forwarded.text()).toContain('Keputusan tercatat');

    const bkppMail = await mailTo(api, mail('bkpsdm'), receiptCode);
    expect(bkppMail.text).toContain('Teruskan ke BKPSDM');
    expect(bkppMail.text).not.toMatch(/\bBKPP\b/);
    expect((await postForm(linkIn(bkppMail), { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', notes: 'Pelanggaran berulang.' })).status).toBe(200);

    const ppkMail = await mailTo(api, mail('ppk'), receiptCode);
    const ppkHtml = await (await fetch(linkIn(ppkMail))).text();
    expect(ppkHtml).toContain('Rekomendasi BKPSDM');
    expect(ppkHtml).toMatch(/<input type="radio" name="sanction" value="POTONG_TUKIN_9" checked>/);
    const imposed = await postForm(linkIn(ppkMail), { outcome: 'IMPOSE', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', decreeNumber: '800/1234/2024', notes: 'Mengikuti rekomendasi BKPSDM: pelanggaran berulang.' });
    expect(imposed.status).toBe(200);

    const bawasluMail = await mailTo(api, mail('bawaslu'), receiptCode, /selesai: dijatuhi sanksi/);
    expect(bawasluMail.text).toContain('Keputusan PPK');
    expect(bawasluMail.text).toContain('800/1234/2024');
    expect(bawasluMail.text).toContain('Pemotongan tunjangan kinerja 25% selama 9 bulan');

    const hook = await closedHook(id);
    expect(verify(hook)).toBe(true);
    expect(hook.json.event).toBe('report.closed');
    expect(hook.json.report).toMatchObject({ id, status: 'SANCTIONED', sanction: { level: 'SEDANG', sanction: 'POTONG_TUKIN_9', decreeNumber: '800/1234/2024' } });
    expect(hook.json.report.reporter).toEqual({ kind: 'PUBLIC', sealed: true });
    noReporterIdentity(hook.body);

    const closed = await eventually('the webhook in the timeline', async () => {
      const r = await report(api, id);
      return r.timeline.some((e: any) => e.action === 'BAWASLU_WEBHOOK_DELIVERED' && e.event === 'report.closed') ? r : undefined;
    });
    expect(closed.status).toBe('SANCTIONED');
    expect(closed.bawasluNotifiedAt).toBeTruthy();
    expect(closed.decisions.map((d: any) => [d.step, d.outcome, d.by.role])).toEqual([
      ['OPD_REVIEW', 'FORWARD', 'OPD_HEAD'], ['BKPP_ASSESSMENT', 'RECOMMEND', 'BKPP'], ['PPK_DECISION', 'IMPOSE', 'PPK'],
    ]);
    // report.received is delivered inline by StartReview, before the OPD head is asked: once, and no execution of its own.
    expect(runner.list().some((r) => r.name.startsWith(`notice-34-02-${id}`))).toBe(false);
    expect(closed.timeline.filter((e: any) => e.event === 'report.received').map((e: any) => e.action)).toEqual(['BAWASLU_WEBHOOK_DELIVERED']);
    expect(closed.timeline.filter((e: any) => e.event !== 'report.received').map((e: any) => e.action)).toEqual([
      'SUBMITTED', 'DECISION_REQUESTED', 'FORWARDED', 'DECISION_REQUESTED', 'RECOMMENDED', 'DECISION_REQUESTED', 'SANCTIONED', 'BAWASLU_NOTIFIED', 'BAWASLU_WEBHOOK_DELIVERED',
    ]);
    const decided = closed.timeline.find((e: any) => e.action === 'FORWARDED');
    expect(decided).toMatchObject({ actor: 'OPD_HEAD', by: bantul.opds.disdik!.head!.name, status: 'AWAITING_BKPP_ASSESSMENT' });
    expect(decided!.note).toContain('Bukti tangkapan layar cukup.');

    await eventually('the execution to succeed', async () => runner.recordOf('34.02', id)?.status === 'SUCCEEDED');
    const after = await stats(api);
    expect(after.total - before.total).toBe(1);
    expect(after.byStatus.SANCTIONED - before.byStatus.SANCTIONED).toBe(1);
    expect(after.byStatus.AWAITING_PPK_DECISION).toBe(before.byStatus.AWAITING_PPK_DECISION);
    expect(after.byLevel.SEDANG - before.byLevel.SEDANG).toBe(1);
    expect(after.byOutcome.SANCTIONED - before.byOutcome.SANCTIONED).toBe(1);
    expect(after.byCategory.MEDIA_SOSIAL - before.byCategory.MEDIA_SOSIAL).toBe(1);

    for (const message of await outbox(api)) {
      noReporterIdentity(message.text);
      noReporterIdentity(message.html);
    }
  });

  it('ends DISMISSED when the OPD head dismisses it, and Bawaslu hears why', async () => {
    const before = await stats(api);
    const { id, receiptCode } = await submit({ category: 'ATRIBUT' });
    const opdMail = await mailTo(api, mail('kepala.disdik'), receiptCode);
    const response = await postForm(linkIn(opdMail), { outcome: 'DISMISS', notes: 'Foto bukan pegawai yang dilaporkan.' });
    expect(response.status).toBe(200);
    const bawasluMail = await mailTo(api, mail('bawaslu'), receiptCode, /selesai: dihentikan/);
    expect(bawasluMail.text).toContain('Foto bukan pegawai yang dilaporkan.');
    expect(bawasluMail.text).toContain('Telaah Kepala OPD');
    const hook = await closedHook(id);
    expect(hook.json.report.status).toBe('DISMISSED');
    const closed = await reportWithStatus(api, id, 'DISMISSED');
    expect(closed.sanction).toBeUndefined();
    const after = await stats(api);
    expect(after.byOutcome.DISMISSED - before.byOutcome.DISMISSED).toBe(1);
    expect(after.byStatus.DISMISSED - before.byStatus.DISMISSED).toBe(1);
    expect(after.byLevel).toEqual(before.byLevel);
    // No BKPP or PPK was asked.
    expect((await outbox(api)).filter((m) => m.subject.includes(receiptCode) && !m.to.includes(mail('kepala.disdik')) && !m.to.includes(mail('bawaslu')))).toEqual([]);
  });

  it.each([
    ['the reported employee heads the OPD', { employee: { ...reportBody().employee, nip: bantul.opds.disdik!.head!.nip, name: 'Kepala Dinas Pendidikan' } }, /benturan kepentingan/],
    ['the OPD has no head e-mail', { employee: { ...reportBody().employee, opdId: 'dpupr' } }, /tidak memiliki e-mail kepala OPD/],
  ])('skips the OPD review when %s, and says why', async (_, overrides, why) => {
    const { id, receiptCode } = await submit(overrides);
    await mailTo(api, mail('bkpsdm'), receiptCode);
    const r = await report(api, id);
    expect(r.status).toBe('AWAITING_BKPP_ASSESSMENT');
    const skipped = r.timeline.find((e: any) => e.action === 'OPD_REVIEW_SKIPPED');
    expect(skipped!.note).toMatch(why);
    expect((await outbox(api)).some((m) => m.subject.includes(receiptCode) && m.to.includes(mail('kepala.disdik')))).toBe(false);
  });
});

describe('timeouts (second-scale settings of Kulon Progo)', () => {
  const key = () => api.keys['34.01']!;
  const kp = (box: string) => mail(box, kulonProgo.domain);
  async function settings(body: object) {
    expect((await api.request('/v1/directory/settings', { method: 'PUT', json: body, key: key() })).status).toBe(200);
  }
  afterAll(() => settings({}));

  it('reminds a silent OPD head with the same link, then at the deadline sends the report on to BKPP', async () => {
    await settings({ opdReview: { remindAfter: 'PT1S', deadline: 'PT2S' } });
    const { id, receiptCode } = await submit({}, key());
    const first = await mailTo(api, kp('kepala.disdik'), receiptCode);
    const reminder = await mailTo(api, kp('kepala.disdik'), receiptCode, /Pengingat/);
    expect(linkIn(reminder)).toBe(linkIn(first));
    await mailTo(api, kp('bkpp'), receiptCode);
    // The e-mail goes out before its DECISION_REQUESTED entry is written (the entry says it went out).
    const r = await eventually('the BKPP request on the timeline', async () => {
      const now = await report(api, id, key());
      return now.timeline.length >= 5 ? now : undefined;
    });
    expect(r.status).toBe('AWAITING_BKPP_ASSESSMENT');
    const actions = r.timeline.map((e: any) => e.action);
    expect(actions).toEqual(['SUBMITTED', 'DECISION_REQUESTED', 'REMINDER_SENT', 'OPD_REVIEW_TIMED_OUT', 'DECISION_REQUESTED']);
    expect(r.timeline[3]!.note).toMatch(/tidak memberi keputusan/);
    expect((await fetch(linkIn(first))).status).toBe(410);
    expect((await postForm(linkIn(first), { outcome: 'FORWARD' })).status).toBe(410);
  });

  it('at the BKPP deadline tells the Sekda, sends a fresh link, and the old one is gone', async () => {
    await settings({ bkppAssessment: { remindAfter: 'PT1S', deadline: 'PT2S' } });
    const { id, receiptCode } = await submit({ employee: { ...reportBody().employee, opdId: 'dpupr' } }, key());
    const first = await mailTo(api, kp('bkpp'), receiptCode);
    const escalation = await mailTo(api, kp('sekda'), receiptCode, /Tenggat terlewati/);
    expect(escalation.text).toContain(kulonProgo.contacts.bkpp.name);
    const fresh = await mailTo(api, kp('bkpp'), receiptCode, /^\[netra\] Mohon keputusan/, 1);
    expect(linkIn(fresh)).not.toBe(linkIn(first));
    await settings({}); // the fresh link now lasts the default 14 days
    expect((await fetch(linkIn(first))).status).toBe(410);
    const r = await report(api, id, key());
    expect(r.timeline.map((e: any) => e.action)).toContain('ESCALATED');
    expect(r.status).toBe('AWAITING_BKPP_ASSESSMENT');
  });
});

describe('a restart in the middle', () => {
  it('loses nothing: links keep working, and a decision taken while stopped is picked up on resume', async () => {
    const { id, receiptCode } = await submit();
    const opdMail = await mailTo(api, mail('kepala.disdik'), receiptCode);
    const name = executionName('34.02', id);
    await runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision');

    await runner.stop();
    expect(runner.resumeAll()).toContain(name);
    await runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision' && r.history.filter((s) => s === 'OpdAwaitDecision').length === 2);
    expect((await postForm(linkIn(opdMail), { outcome: 'FORWARD' })).status).toBe(200);
    const bkppMail = await mailTo(api, mail('bkpsdm'), receiptCode);
    await runner.waitFor(name, (r) => r.waiting?.stateName === 'BkppAwaitDecision');

    await runner.stop();
    // Decided while the runner is down: recorded at once, the workflow resumes when the runner is back.
    expect((await postForm(linkIn(bkppMail), { outcome: 'DISMISS', notes: 'Tidak cukup bukti.' })).status).toBe(200);
    expect((await report(api, id)).status).toBe('DISMISSED');
    runner.resumeAll();
    await mailTo(api, mail('bawaslu'), receiptCode, /selesai/);
    await eventually('the execution to succeed', async () => runner.recordOf('34.02', id)?.status === 'SUCCEEDED');
  });
});

describe('the seconds between a restart and its resume', () => {
  const actions = async (id: string) => (await report(api, id)).timeline.map((e: { action: string }) => e.action);
  it('count the executions left running as running: a keyed retry then repairs nothing and starts nothing twice', async () => {
    const headers = { 'idempotency-key': `restart-window-${Date.now()}` };
    const accepted = await api.request('/v1/reports', { method: 'POST', json: reportBody(), headers });
    expect(accepted.status).toBe(202);
    const { id } = await accepted.json();
    const name = executionName('34.02', id);
    await runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision');

    // As `npm start` after a stop: the runner knows what it will resume before the server answers, resumes later.
    await runner.stop();
    expect(runner.loadResumable()).toContain(name);
    expect(await runner.describe({ regionId: '34.02', reportId: id })).toMatchObject({ state: 'RUNNING', redrivable: false });
    const retried = await api.request('/v1/reports', { method: 'POST', json: reportBody(), headers });
    expect(retried.status).toBe(202);
    expect((await retried.json()).id).toBe(id);
    expect(await actions(id)).not.toContain('WORKFLOW_REPAIRED');
    expect(runner.read(name)!.history.filter((s) => s === 'OpdAwaitDecision')).toHaveLength(1); // nothing launched yet

    expect(runner.resumeAll()).toContain(name);
    const resumed = await runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision' && r.history.filter((s) => s === 'OpdAwaitDecision').length === 2);
    expect(resumed.redriveCount).toBeUndefined();
    expect(await actions(id)).not.toContain('WORKFLOW_REPAIRED');
  });
});

describe('report.received', () => {
  it('goes to its own notice execution when the inline attempt fails, which delivers it once, and the review goes on', async () => {
    refuseReceived = 1;
    const { id, receiptCode } = await submit();
    // The review is not held up: the OPD head is asked while the notice retries.
    await mailTo(api, mail('kepala.disdik'), receiptCode);
    const notice = await eventually('the notice execution', async () => runner.list().find((r) => r.name === noticeExecutionName('34.02', id, 'report.received') && r.status === 'SUCCEEDED'));
    expect(notice.history).toEqual(['StartReview', 'ResumeAt', 'CallNoticeWebhook']);
    expect(refuseReceived).toBe(0);
    const delivered = hooks.filter((h) => h.json.report.id === id && h.json.event === 'report.received');
    expect(delivered).toHaveLength(1);
    expect(verify(delivered[0]!)).toBe(true);
    const r = await report(api, id);
    expect(r.timeline.filter((e: any) => e.event === 'report.received').map((e: any) => e.action)).toEqual(['BAWASLU_WEBHOOK_DELIVERED']);
  });
});

describe('the Bawaslu notice', () => {
  it('is retried with backoff when the webhook fails, and delivered once it answers', async () => {
    runner.retryIntervalOverrides.NotifyBawaslu = 20;
    const { id, receiptCode } = await submit();
    refuse.set(id, 2);
    await postForm(linkIn(await mailTo(api, mail('kepala.disdik'), receiptCode)), { outcome: 'DISMISS', notes: 'Tidak terbukti.' });
    await closedHook(id);
    expect(refuse.get(id)).toBe(0);
    await eventually('the execution to succeed', async () => runner.recordOf('34.02', id)?.status === 'SUCCEEDED');
  });

  it('after every retry fails, says so in the timeline and ends in BawasluNoticeFailed', async () => {
    runner.retryIntervalOverrides.NotifyBawaslu = 5;
    const { id, receiptCode } = await submit();
    refuse.set(id, Infinity);
    await postForm(linkIn(await mailTo(api, mail('kepala.disdik'), receiptCode)), { outcome: 'DISMISS', notes: 'Tidak terbukti.' });
    const failed = await eventually('the execution to fail', async () => {
      const r = runner.recordOf('34.02', id);
      return r?.status === 'FAILED' ? r : undefined;
    });
    expect(failed.error).toBe('BawasluNoticeFailed');
    const r = await report(api, id);
    expect(r.timeline.filter((e: any) => e.event !== 'report.received').at(-1)).toMatchObject({ action: 'BAWASLU_NOTICE_FAILED', actor: 'SYSTEM' });
    expect(r.status).toBe('DISMISSED'); // the report itself stays closed and readable
  });
});

describe('a refused webhook address', () => {
  it('is recorded at once as a failed notice (no retries), and the e-mail to Bawaslu still goes', async () => {
    const contacts = (await deps.directory.getContacts('34.02'))!;
    // The metadata service's address is refused even in the local stack (only loopback is allowed there).
    await deps.directory.putContacts('34.02', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'http://169.254.169.254/latest/meta-data/' } }, new Date().toISOString());
    // A retried refusal would wait a minute before its next attempt: the execution must fail well before.
    runner.retryIntervalOverrides.NotifyBawaslu = 60_000;
    try {
      const { id, receiptCode } = await submit();
      const started = Date.now();
      await postForm(linkIn(await mailTo(api, mail('kepala.disdik'), receiptCode)), { outcome: 'DISMISS', notes: 'Tidak terbukti.' });
      const failed = await eventually('the execution to fail', async () => {
        const r = runner.recordOf('34.02', id);
        return r?.status === 'FAILED' ? r : undefined;
      });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(failed.error).toBe('BawasluNoticeFailed');
      expect(failed.history.filter((state) => state === 'NotifyBawaslu')).toHaveLength(1);
      expect(failed.history.slice(-3)).toEqual(['NotifyBawaslu', 'RecordNoticeFailure', 'BawasluNoticeFailed']);
      const r = await report(api, id);
      expect(r.timeline.at(-1)).toMatchObject({ action: 'BAWASLU_NOTICE_FAILED', actor: 'SYSTEM' });
      expect(r.timeline.at(-1)!.note).toMatch(/ditolak.*169\.254\.169\.254.*link-local/);
      expect(r.timeline.some((e: { action: string }) => e.action === 'BAWASLU_NOTIFIED')).toBe(true);
      await mailTo(api, mail('bawaslu'), receiptCode, /selesai/);
    } finally {
      await deps.directory.putContacts('34.02', contacts, new Date().toISOString());
    }
  });
});

describe('intake and the workflow', () => {
  it('answers 503 when the workflow cannot start; the retry with the same Idempotency-Key starts it', async () => {
    const start = vi.spyOn(runner, 'start').mockRejectedValueOnce(new UnavailableError('the sanction workflow could not be started'));
    const headers = { 'idempotency-key': `start-${Date.now()}` };
    const first = await api.request('/v1/reports', { method: 'POST', json: reportBody(), headers });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBeTruthy();
    const second = await api.request('/v1/reports', { method: 'POST', json: reportBody(), headers });
    expect(second.status).toBe(202);
    const { id } = await second.json();
    expect(start).toHaveBeenCalledTimes(2);
    start.mockRestore();
    await eventually('the execution', async () => runner.recordOf('34.02', id));
    expect((await (await api.request('/v1/reports?limit=100')).json()).items.filter((i: any) => i.id === id)).toHaveLength(1);
  });

  it('GET /v1/stats needs a key and a known election, and sees only the key’s region', async () => {
    expect((await api.request('/v1/stats?electionId=pilkada-2024', { key: null })).status).toBe(401);
    expect((await api.request('/v1/stats?electionId=pilkada-1999')).status).toBe(400);
    expect((await api.request('/v1/stats')).status).toBe(400);
    const other = await stats(api, api.keys['34.01']);
    const mine = await stats(api);
    expect(mine.total).toBeGreaterThan(other.total);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(mine.byStatus)).toBe(mine.total);
    expect(sum(mine.byCategory)).toBe(mine.total);
    expect(sum(mine.byStage)).toBe(mine.total);
    expect(sum(mine.byOutcome)).toBe(mine.byStatus.SANCTIONED + mine.byStatus.DISMISSED);
  });
});
