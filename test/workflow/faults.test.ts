// The workflow under faults, with the real step handlers, DynamoDB Local and the local runner: a mark failing
// after its e-mail went out (for a moment, or past the function's time), a send not confirmed, a start that
// failed, an execution that failed for good, a silent BKPP with maxEscalations, executions handing over before
// Step Functions' limits, and notices that run twice or meet an outage after their send.
import { describe, expect, it, vi } from 'vitest';
import { reportBody } from '../support/api.ts';
import { eventually, linkIn, mailTo, outbox, postForm, report, reportWithStatus, stats, workflowApi } from '../support/workflow.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { config } from '../../functions/lib/config.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { UnavailableError } from '../../functions/domain/errors.ts';
import { reconcile, RECONCILE_BUDGET } from '../../functions/use-cases/reconcile.ts';
import { notifyBawaslu } from '../../functions/use-cases/notices.ts';
import { sendReminder } from '../../functions/use-cases/deadlines.ts';
import { withDeadline } from '../../functions/lib/mark-sent.ts';
import { putSettings } from '../../functions/use-cases/directory.ts';
import type { ReportTransition } from '../../functions/domain/transition.ts';

const deps = dependencies();
const runner = deps.local!.runner;
// The deployed backoff (30+ minutes per step) in a thousandth of the time: the same retriers and attempts.
runner.timeScale = 0.001;
const kulonProgo = DEMO_REGIONS.find((d) => d.region.id === '34.01')!;
const bantul = DEMO_REGIONS.find((d) => d.region.id === '34.02')!;
const at = (box: string, domain = bantul.domain) => `${box}@${domain}`;
const api = workflowApi();

async function submit(options: { key?: string; idempotencyKey?: string; region?: string } = {}) {
  const headers: Record<string, string> = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
  return api.request('/v1/reports', { method: 'POST', json: reportBody(), headers, ...(options.region ? { key: api.keys[options.region] } : {}) });
}

const linksIn = (mails: { text: string }[]) => new Set(mails.map((m) => linkIn(m as any)));
const actions = (r: { timeline: { action: string }[] }) => r.timeline.map((entry) => entry.action);
const mailsAbout = async (receiptCode: string, to?: string) => (await outbox(api)).filter((m) => m.subject.includes(receiptCode) && (!to || m.to.includes(to)));

describe('one live link per step', () => {
  /** Makes the report store's `requestMailedAt` mark fail as `fail` says (its call number from 1, and whether
   *  to apply it first: a write DynamoDB took whose answer was lost). */
  function failMarks(fail: (call: number) => 'fail' | 'apply-then-fail' | 'pass') {
    const transition = deps.reports.transition.bind(deps.reports);
    let calls = 0;
    return vi.spyOn(deps.reports, 'transition').mockImplementation(async (change: ReportTransition) => {
      if (!(change.record && 'mark' in change.record && change.record.mark === 'requestMailedAt')) return transition(change);
      const verdict = fail(++calls);
      if (verdict === 'apply-then-fail') await transition(change);
      if (verdict !== 'pass') throw new UnavailableError('DynamoDB went away');
      return transition(change);
    });
  }

  it('a mark that meets a short outage after the e-mail is retried within the step: one e-mail, one entry', async () => {
    // The first mark lands but its answer is lost, two more fail: the retries within the step meet their own mark.
    const spy = failMarks((call) => (call === 1 ? 'apply-then-fail' : call <= 3 ? 'fail' : 'pass'));
    try {
      const { id, receiptCode } = await (await submit()).json();
      await eventually('the request to be marked', async () => actions(await report(api, id)).includes('DECISION_REQUESTED'));
      await eventually('the wait', async () => runner.recordOf('34.02', id)?.waiting);
      expect(spy.mock.calls.filter(([c]) => c.record && 'mark' in c.record).length).toBeGreaterThanOrEqual(4);
      expect(await mailsAbout(receiptCode, at('kepala.disdik'))).toHaveLength(1);
      expect(actions(await report(api, id)).filter((a) => a === 'DECISION_REQUESTED')).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  }, 90_000);

  it('a mark that fails past the function\'s time fails the step; its retry sends the same link, which decides, and Bawaslu hears', async () => {
    // A request-decision function of 11 s leaves its mark under 2 s of retries (support/time-budget.ts markReserveMs).
    runner.functionTimeoutOverrides = { 'request-decision': 11 };
    let sends = 0;
    const send = deps.mailer.send.bind(deps.mailer);
    const mailer = vi.spyOn(deps.mailer, 'send').mockImplementation(async (m) => {
      if (m.to.includes(at('kepala.disdik'))) sends++;
      return send(m);
    });
    // Down until the third attempt of the step has sent its e-mail.
    const spy = failMarks(() => (sends < 3 ? 'fail' : 'pass'));
    try {
      const response = await submit();
      expect(response.status).toBe(202);
      const { id, receiptCode } = await response.json();
      await eventually('the retried request to be marked', async () => actions(await report(api, id)).includes('DECISION_REQUESTED'), 40_000);
      const mails = await mailsAbout(receiptCode, at('kepala.disdik'));
      expect(mails.length).toBe(3); // the first attempt, two retries: the same link each time, never a second one
      expect(linksIn(mails).size).toBe(1);
      expect(actions(await report(api, id)).filter((a) => a === 'DECISION_REQUESTED')).toHaveLength(1);
      spy.mockRestore();
      expect((await postForm(linkIn(mails[0]!), { outcome: 'DISMISS', notes: 'Tidak terbukti' })).status).toBe(200);
      await eventually('Bawaslu to hear', async () => (await mailsAbout(receiptCode, at('bawaslu'))).length === 1);
    } finally {
      runner.functionTimeoutOverrides = {};
      spy.mockRestore();
      mailer.mockRestore();
    }
  }, 90_000);

  it('an e-mail the mailer did not confirm is sent again by the step\'s retry (at least once), then marked once', async () => {
    let refused = 0;
    const send = deps.mailer.send.bind(deps.mailer);
    const mailer = vi.spyOn(deps.mailer, 'send').mockImplementation(async (m) => {
      if (m.to.includes(at('kepala.disdik')) && refused++ === 0) throw new Error('SES: the connection was reset before an answer');
      return send(m);
    });
    try {
      const { id, receiptCode } = await (await submit()).json();
      await eventually('the request to be marked', async () => actions(await report(api, id)).includes('DECISION_REQUESTED'));
      expect(refused).toBeGreaterThanOrEqual(2);
      expect(await mailsAbout(receiptCode, at('kepala.disdik'))).toHaveLength(1);
      expect(actions(await report(api, id)).filter((a) => a === 'DECISION_REQUESTED')).toHaveLength(1);
    } finally {
      mailer.mockRestore();
    }
  }, 90_000);

  it('only the current link of a step decides: a replaced link is refused (410)', async () => {
    const { id, receiptCode } = await (await submit()).json();
    const first = await mailTo(api, at('kepala.disdik'), receiptCode);
    const { report: stored } = (await deps.reports.get('34.02', id))!;
    const old = await deps.decisions.get(stored.pendingDecision!);
    // Another link for the same step takes over (as an approver change would).
    const now = new Date().toISOString();
    await deps.reports.transition({
      report: stored, from: stored.status, at: now, timeline: [],
      record: { create: { ...old!, key: 'f'.repeat(64), nonce: 'another-nonce', createdAt: now }, replaces: old!.key },
    });
    const page = await fetch(linkIn(first));
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('diganti');
    expect((await postForm(linkIn(first), { outcome: 'DISMISS', notes: 'x' })).status).toBe(410);
    expect((await report(api, id)).status).toBe('AWAITING_OPD_REVIEW');
  }, 90_000);

  it('notes a reminder only when its e-mail went out', async () => {
    const { id, receiptCode } = await (await submit()).json();
    await mailTo(api, at('kepala.disdik'), receiptCode);
    const { report: stored } = (await deps.reports.get('34.02', id))!;
    const input = { regionId: '34.02', reportId: id, step: 'OPD_REVIEW' as const, decisionKey: stored.pendingDecision! };
    const send = vi.spyOn(deps.mailer, 'send').mockRejectedValueOnce(new Error('SES is throttling'));
    await expect(sendReminder(deps, input)).rejects.toThrow(/throttling/);
    send.mockRestore();
    expect(actions(await report(api, id))).not.toContain('REMINDER_SENT');
    expect(await sendReminder(deps, input)).toMatchObject({ reminded: true });
    expect(await sendReminder(deps, input)).toMatchObject({ reminded: false }); // a retried step: once
    expect(actions(await report(api, id)).filter((a) => a === 'REMINDER_SENT')).toHaveLength(1);
    expect((await mailsAbout(receiptCode, at('kepala.disdik'))).filter((m) => m.subject.includes('Pengingat'))).toHaveLength(1);
  }, 90_000);
});

describe('the reconciler and a client’s retry', () => {
  it('starts a report whose execution could not start, when the client retried without an Idempotency-Key', async () => {
    const start = vi.spyOn(runner, 'start').mockRejectedValueOnce(new UnavailableError('the sanction workflow could not be started'));
    const failed = await submit();
    expect(failed.status).toBe(503);
    start.mockRestore();
    const retried = await (await submit()).json(); // a second report: the client had no key to say it is the same
    await mailTo(api, at('kepala.disdik'), retried.receiptCode);
    const stranded = (await deps.reportQueries.list('34.02', { limit: 100, status: 'RECEIVED' })).items.filter((r) => !runner.recordOf('34.02', r.id));
    expect(stranded.length).toBeGreaterThanOrEqual(1);

    const result = await reconcile(deps, { ...RECONCILE_BUDGET, graceSeconds: 0 }, ['34.02']);
    expect(result.complete).toBe(true);
    for (const { id, receiptCode } of stranded) {
      expect(result.repairs).toContainEqual({ regionId: '34.02', reportId: id, how: 'STARTED', was: 'NONE' });
      await mailTo(api, at('kepala.disdik'), receiptCode);
      const repaired = await reportWithStatus(api, id, 'AWAITING_OPD_REVIEW');
      expect(actions(repaired)).toContain('WORKFLOW_REPAIRED');
    }
    // A second run finds nothing to do: every execution is running.
    const again = await reconcile(deps, { ...RECONCILE_BUDGET, graceSeconds: 0 }, ['34.02']);
    expect(again.repairs.filter((r) => stranded.some((s) => s.id === r.reportId))).toEqual([]);
  }, 90_000);

  it('a step that fails for good is recorded; the same Idempotency-Key then starts a fresh execution from the current status', async () => {
    const send = vi.spyOn(deps.mailer, 'send').mockRejectedValue(new Error('SES is down'));
    const response = await submit({ idempotencyKey: 'faults-step-fails-for-good' });
    expect(response.status).toBe(202);
    const { id, receiptCode } = await response.json();
    await eventually('the execution to fail', async () => runner.recordOf('34.02', id)?.status === 'FAILED', 20_000);
    const failed = runner.recordOf('34.02', id)!;
    expect(failed.error).toBe('WorkflowStepFailed');
    // The first attempt and its 12 retries, each trying to e-mail the OPD head.
    expect(send.mock.calls.filter(([m]) => m.subject.includes(receiptCode) && m.to.includes(at('kepala.disdik')))).toHaveLength(13);
    expect(actions(await report(api, id))).toContain('WORKFLOW_STEP_FAILED');
    expect(await runner.describe({ regionId: '34.02', reportId: id })).toMatchObject({ state: 'FAILED', redrivable: false });
    send.mockRestore();

    const retried = await submit({ idempotencyKey: 'faults-step-fails-for-good' });
    expect(retried.status).toBe(202);
    expect((await retried.json()).id).toBe(id);
    const mails = await eventually('the OPD head to be asked', async () => {
      const found = await mailsAbout(receiptCode, at('kepala.disdik'));
      return found.length ? found : undefined;
    });
    expect(mails).toHaveLength(1);
    expect(runner.recordOf('34.02', id, 1)?.status).toBe('RUNNING');
    const { report: stored } = (await deps.reports.get('34.02', id))!;
    expect(stored.workflowRun).toBe(1);
    expect(actions(await report(api, id))).toContain('WORKFLOW_REPAIRED');
    expect(await report(api, id)).not.toHaveProperty('workflowRun'); // bookkeeping the API does not show
    expect((await postForm(linkIn(mails[0]!), { outcome: 'DISMISS', notes: 'Tidak terbukti' })).status).toBe(200);
    await eventually('Bawaslu to hear', async () => (await mailsAbout(receiptCode, at('bawaslu'))).length === 1);
  }, 90_000);
});

describe('bounded waits', () => {
  const kp = (box: string) => at(box, kulonProgo.domain);

  it('with maxEscalations 2 a silent BKPP is escalated exactly twice, then the report is overdue and nobody is e-mailed again', async () => {
    const settings = { opdReview: { remindAfter: 'PT20M', deadline: 'PT1H' }, bkppAssessment: { remindAfter: 'PT1S', deadline: 'PT2S', maxEscalations: 2 }, ppkDecision: { remindAfter: 'P3D', deadline: 'P14D' } };
    expect((await api.request('/v1/directory/settings', { method: 'PUT', json: settings, key: api.keys['34.01'] })).status).toBe(200);
    const before = await stats(api, api.keys['34.01']);
    const { id, receiptCode } = await (await submit({ region: '34.01' })).json();
    const opd = await mailTo(api, kp('kepala.disdik'), receiptCode);
    expect((await postForm(linkIn(opd), { outcome: 'FORWARD' })).status).toBe(200);

    const overdue = await eventually('the report to be overdue', async () => {
      const r = await report(api, id, api.keys['34.01']);
      return r.overdueAt ? r : undefined;
    }, 20_000);
    expect(actions(overdue).filter((a) => a === 'ESCALATED')).toHaveLength(2);
    expect(actions(overdue).filter((a) => a === 'REPORT_OVERDUE')).toHaveLength(1);
    const sent = (await mailsAbout(receiptCode)).length;
    const toSekda = (await mailsAbout(receiptCode, kp('sekda'))).length;
    const requests = await mailsAbout(receiptCode, kp('bkpp'));
    expect(toSekda).toBe(2);
    expect(requests.filter((m) => !m.subject.includes('Pengingat'))).toHaveLength(3); // the first link and one per escalation
    expect((await stats(api, api.keys['34.01'])).overdue).toBe(before.overdue + 1);
    const listed = await (await api.request('/v1/reports?overdue=true', { key: api.keys['34.01'] })).json();
    expect(listed.items.map((r: { id: string }) => r.id)).toContain(id);

    // The wait goes on silently: two more of its periods run out (the runner's record of the states entered, in
    // every execution of the report) without an e-mail or another escalation.
    const periodsRunOut = () => runner.list().filter((r) => r.input.reportId === id).flatMap((r) => r.history).filter((s) => s === 'BkppDeadlinePassed').length;
    const periodsBefore = periodsRunOut();
    await eventually('two more silent periods', async () => periodsRunOut() >= periodsBefore + 2, 20_000);
    expect((await mailsAbout(receiptCode)).length).toBe(sent);
    const still = await report(api, id, api.keys['34.01']);
    expect(actions(still).filter((a) => a === 'ESCALATED')).toHaveLength(2);
    expect(still.status).toBe('AWAITING_BKPP_ASSESSMENT');

    // The last link still decides; closing takes the report out of the overdue count.
    expect((await postForm(linkIn(requests.at(-1)!), { outcome: 'DISMISS', notes: 'Tidak cukup bukti' })).status).toBe(200);
    await eventually('Bawaslu to hear', async () => (await mailsAbout(receiptCode, kp('bawaslu'))).length === 1);
    expect((await stats(api, api.keys['34.01'])).overdue).toBe(before.overdue);
    const after = await (await api.request('/v1/reports?overdue=true', { key: api.keys['34.01'] })).json();
    expect(after.items.map((r: { id: string }) => r.id)).not.toContain(id);
  }, 90_000);

  it.each([
    ['rounds', { maxRounds: 3, maxSeconds: 355 * 86400 }],
    ['elapsed time', { maxRounds: 200, maxSeconds: 5 }],
  ])('hands over to a fresh execution before the limit on %s, which waits on with the same link', async (_, limits) => {
    const settings = { opdReview: { remindAfter: 'PT20M', deadline: 'PT1H' }, bkppAssessment: { remindAfter: 'PT1S', deadline: 'PT2S', maxEscalations: 0 }, ppkDecision: { remindAfter: 'P3D', deadline: 'P14D' } };
    expect((await api.request('/v1/directory/settings', { method: 'PUT', json: settings, key: api.keys['34.01'] })).status).toBe(200);
    const saved = config().executionLimits;
    config().executionLimits = limits;
    try {
      const { id, receiptCode } = await (await submit({ region: '34.01' })).json();
      expect((await postForm(linkIn(await mailTo(api, kp('kepala.disdik'), receiptCode)), { outcome: 'FORWARD' })).status).toBe(200);
      const next = await eventually('the next execution', async () => runner.recordOf('34.01', id, 1)?.waiting, 20_000);
      expect(next.stateName).toMatch(/^BkppAwaitDecision/);
      const first = runner.recordOf('34.01', id)!;
      expect(first.status).toBe('SUCCEEDED');
      expect(first.history.slice(-2)).toEqual(['ContinueInNewExecution', 'ContinuedInNewExecution']);
      const bkpp = await mailsAbout(receiptCode, kp('bkpp'));
      expect(linksIn(bkpp).size).toBe(1); // the fresh execution reused the pending link
      expect(actions(await report(api, id, api.keys['34.01']))).toContain('WORKFLOW_CONTINUED');
      config().executionLimits = saved;
      expect((await postForm(linkIn(bkpp[0]!), { outcome: 'DISMISS', notes: 'Tidak cukup bukti' })).status).toBe(200);
      await eventually('Bawaslu to hear', async () => (await mailsAbout(receiptCode, kp('bawaslu'))).length === 1);
    } finally {
      config().executionLimits = saved;
    }
  }, 90_000);

  it('refuses maxEscalations outside 0–10 and on the OPD review, naming the field; in AWS mode a deadline under an hour', async () => {
    const bad = await api.request('/v1/directory/settings', { method: 'PUT', key: api.keys['34.01'], json: { bkppAssessment: { remindAfter: 'P1D', deadline: 'P2D', maxEscalations: 11 } } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: 'bkppAssessment.maxEscalations' })]);
    const opd = await api.request('/v1/directory/settings', { method: 'PUT', key: api.keys['34.01'], json: { opdReview: { remindAfter: 'P1D', deadline: 'P2D', maxEscalations: 1 } } });
    expect(opd.status).toBe(400);
    const settings = { opdReview: { remindAfter: 'PT1M', deadline: 'PT30M' }, bkppAssessment: { remindAfter: 'P1D', deadline: 'P2D', maxEscalations: 3 }, ppkDecision: { remindAfter: 'P1D', deadline: 'P2D', maxEscalations: 3 } };
    await expect(putSettings(deps, '34.01', settings, 3600)).rejects.toMatchObject({ errors: [{ path: 'opdReview.deadline' }] });
    await expect(putSettings(deps, '34.01', settings, 1)).resolves.toEqual({ ...settings, retention: { reports: 'P5Y', signatories: 'P5Y', accessLog: 'P2Y' } }); // retention at its defaults
  }, 90_000);
});

describe('exactly-once notices', () => {
  it('a Bawaslu notice step that runs again sends nothing twice', async () => {
    const { id, receiptCode } = await (await submit()).json();
    expect((await postForm(linkIn(await mailTo(api, at('kepala.disdik'), receiptCode)), { outcome: 'DISMISS', notes: 'Tidak terbukti' })).status).toBe(200);
    await eventually('Bawaslu to hear', async () => (await mailsAbout(receiptCode, at('bawaslu'))).length === 1);
    await eventually('the execution to end', async () => runner.recordOf('34.02', id)?.status === 'SUCCEEDED');
    const webhooks = actions(await report(api, id)).filter((a) => a === 'BAWASLU_WEBHOOK_DELIVERED').length;
    await notifyBawaslu(deps, { regionId: '34.02', reportId: id });
    await notifyBawaslu(deps, { regionId: '34.02', reportId: id, event: 'report.received' });
    expect(await mailsAbout(receiptCode, at('bawaslu'))).toHaveLength(1);
    expect(actions(await report(api, id)).filter((a) => a === 'BAWASLU_WEBHOOK_DELIVERED')).toHaveLength(webhooks);
    expect(actions(await report(api, id)).filter((a) => a === 'BAWASLU_NOTIFIED')).toHaveLength(1);
  }, 90_000);

  it('a notice\'s mark that meets an outage is retried in its step, and written once when a lost answer had applied it', async () => {
    const transition = deps.reports.transition.bind(deps.reports);
    const calls: Record<string, number> = {};
    // Each notice's first mark lands but its answer is lost; the second fails; the third meets the first.
    const spy = vi.spyOn(deps.reports, 'transition').mockImplementation(async (change: ReportTransition) => {
      if (!change.once) return transition(change);
      const call = (calls[change.once] = (calls[change.once] ?? 0) + 1);
      if (call === 1) await transition(change);
      if (call <= 2) throw new UnavailableError('DynamoDB went away');
      return transition(change);
    });
    const posted: string[] = [];
    try {
      const { id, receiptCode } = await (await submit()).json();
      expect((await postForm(linkIn(await mailTo(api, at('kepala.disdik'), receiptCode)), { outcome: 'DISMISS', notes: 'Tidak terbukti' })).status).toBe(200);
      await eventually('the execution to end', async () => runner.recordOf('34.02', id)?.status === 'SUCCEEDED');
      expect(calls['bawaslu-email']).toBe(3);
      expect(await mailsAbout(receiptCode, at('bawaslu'))).toHaveLength(1);
      expect(actions(await report(api, id)).filter((a) => a === 'BAWASLU_NOTIFIED')).toHaveLength(1);

      // The webhook's step, as Lambda runs it (under its deadline), to a receiver that answers 2xx.
      const contacts = (await deps.directory.getContacts('34.02'))!;
      const withHook = {
        ...deps,
        directory: { ...deps.directory, getContacts: async () => ({ ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'https://bawaslu.example/netra', webhookSecret: 'a-webhook-secret-of-bawaslu-bantul' } }) },
        webhooks: { ...deps.webhooks, post: async (_url: string, _secret: string, body: string) => void posted.push(JSON.parse(body).report.id) },
      };
      const step = () => withDeadline(Date.now() + 30_000, () => notifyBawaslu(withHook, { regionId: '34.02', reportId: id }));
      await step();
      await step(); // the step run again: delivered already
      expect(calls['bawaslu-webhook-report.closed']).toBe(3);
      expect(posted).toEqual([id]);
      expect(actions(await report(api, id)).filter((a) => a === 'BAWASLU_WEBHOOK_DELIVERED')).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  }, 90_000);
});
