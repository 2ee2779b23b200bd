// The ASL file itself, run by the local interpreter through the local runner, on every path: each step's
// decisions, the conflict-of-interest skip, every timeout, the Bawaslu notice's retries and its failure,
// task failures, and a stop/restart. The step functions are scripted here; the real ones are tested in
// sanction-flow.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalWorkflowRunner, RESUME_CONCURRENCY, type StepHandler } from '../../functions/adapters/local-workflow/runner.ts';
import { readDefinition } from '../../functions/adapters/local-workflow/definition.ts';
import { MAILING_STEP_TIMEOUT_SECONDS, STEP_TIMEOUT_SECONDS } from '../../functions/support/time-budget.ts';
import { executionName, noticeExecutionName } from '../../functions/domain/executions.ts';

type Plan = string; // an outcome to answer at the first wait, 'late:<outcome>' after the reminder, 'silent', 'fail:<error>'
interface Script {
  skip?: boolean;
  /** Where StartReview finds the report (a repaired or continued execution). */
  resumeAt?: string;
  /** request-decision answers continue=true on this call (1-based). */
  continueOn?: number;
  /** request-decision answers without its fields on this call (1-based): a States.Runtime error. */
  brokenOn?: number;
  decide?: Record<string, Plan[]>;
  remindMs?: number;
  deadlineMs?: number;
  /** notify-bawaslu fails this many times before it succeeds. */
  noticeFailures?: number;
  /** start-review's first call takes this long (to outrun a shortened function timeout). */
  slowFirstStartMs?: number;
}

const allTaskStates = Object.entries(readDefinition().States).filter(([, s]) => s.Type === 'Task').map(([name]) => name);
const fastRetries = Object.fromEntries(allTaskStates.map((name) => [name, 5]));

function scripted(script: Script, dataDir = mkdtempSync(join(tmpdir(), 'netra-paths-')), waitCeilingSeconds?: number) {
  const calls: string[] = [];
  const tokens: string[] = [];
  const rounds: Record<string, number> = {};
  const waits: Record<string, number> = {};
  let requests = 0;
  let failures = script.noticeFailures ?? 0;
  let runner!: LocalWorkflowRunner;
  const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
  const handlers: Record<string, StepHandler> = {
    'start-review': async (e) => {
      if (script.slowFirstStartMs && calls.filter((c) => c === 'start-review').length === 1) await new Promise((r) => setTimeout(r, script.slowFirstStartMs));
      return { resumeAt: e.notice ? 'WEBHOOK_NOTICE' : script.resumeAt ?? (script.skip ? 'BKPP_ASSESSMENT' : 'OPD_REVIEW') };
    },
    'request-decision': async (e) => {
      requests++;
      if (requests === script.continueOn) return { continue: true, decisionKey: '', remindAt: iso(300_000), remindSeconds: 300, deadlineAt: iso(300_000) };
      if (requests === script.brokenOn) return { oops: true };
      rounds[e.step] = (rounds[e.step] ?? 0) + 1;
      waits[e.step] = 0;
      // Short waits only where the plan is to let them run out, so a busy machine cannot time out a decision.
      const plan = script.decide?.[e.step]?.[rounds[e.step]! - 1] ?? 'silent';
      const remindMs = plan === 'silent' || plan.startsWith('late:') ? (script.remindMs ?? 60_000) : 60_000;
      const deadlineMs = plan === 'silent' ? (script.deadlineMs ?? 120_000) : 120_000;
      return { continue: false, decisionKey: `${e.step}#${rounds[e.step]}`, remindAt: iso(remindMs), remindSeconds: 1, deadlineAt: iso(deadlineMs) };
    },
    'await-decision': async (e) => {
      tokens.push(e.taskToken);
      if (e.continue) {
        setTimeout(() => void runner.sendTaskFailure(e.taskToken, 'ContinueInNewExecution', 'goes on in a fresh execution'), 5);
        return { waiting: false };
      }
      waits[e.step] = (waits[e.step] ?? 0) + 1;
      const plan = script.decide?.[e.step]?.[(rounds[e.step] ?? 1) - 1] ?? 'silent';
      const late = plan.startsWith('late:');
      const outcome = late ? plan.slice(5) : plan;
      if (plan === 'silent' || (late && waits[e.step] === 1)) return { waiting: true };
      setTimeout(() => {
        if (outcome.startsWith('fail:')) void runner.sendTaskFailure(e.taskToken, outcome.slice(5), 'scripted failure');
        else void runner.sendTaskSuccess(e.taskToken, { outcome, step: e.step });
      }, 5);
      return { waiting: true };
    },
    'send-reminder': async () => ({ deadlineSeconds: 1 }),
    'decision-deadline': async (e) => ({ outcome: e.step === 'OPD_REVIEW' ? 'TIMED_OUT' : 'ESCALATED' }),
    'notify-bawaslu': async (e) => {
      if (failures-- > 0) {
        const error = new Error('Bawaslu is unreachable');
        error.name = 'WebhookDeliveryError';
        throw error;
      }
      return { sent: true };
    },
    'record-notice-failure': async (e) => ({ recorded: e.error }),
    'record-step-failure': async (e) => ({ recorded: e.error }),
    'continue-workflow': async (e) => ({ continued: e.executionName }),
  };
  /** What each step function saw of its remaining time when it began, by step file. */
  const remainingMs: Record<string, number> = {};
  const loadHandler = async (file: string): Promise<StepHandler> => async (event: any, context: any) => {
    calls.push(`${file}${event.step ? `:${event.step}` : ''}${file === 'notify-bawaslu' ? `:${event.event ?? 'report.closed'}` : ''}`);
    remainingMs[file] ??= context.getRemainingTimeInMillis();
    return handlers[file]!(event);
  };
  runner = new LocalWorkflowRunner({ dataDir, loadHandler, retryIntervalOverrides: fastRetries, ...(waitCeilingSeconds ? { waitCeilingSeconds } : {}) });
  return { runner, calls, tokens, dataDir, loadHandler, remainingMs };
}

let reports = 0;
async function run(script: Script, functionTimeoutOverrides?: Record<string, number>) {
  const s = scripted(script);
  if (functionTimeoutOverrides) s.runner.functionTimeoutOverrides = functionTimeoutOverrides;
  const reportId = `R${++reports}`;
  await s.runner.start({ regionId: '34.02', reportId });
  const record = await s.runner.waitFor(executionName('34.02', reportId), (r) => r.status !== 'RUNNING', 20_000);
  return { ...s, record };
}

const NOTICE = ['NotifyBawaslu'];

describe('the sanction ASL, run locally', () => {
  it('forwards, recommends and imposes, then tells Bawaslu', async () => {
    const { record, calls } = await run({ decide: { OPD_REVIEW: ['FORWARD'], BKPP_ASSESSMENT: ['RECOMMEND'], PPK_DECISION: ['IMPOSE'] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history).toEqual([
      'StartReview', 'ResumeAt',
      'OpdRequestDecision', 'OpdAwaitDecision', 'OpdRoute',
      'BkppRequestDecision', 'BkppAwaitDecision', 'BkppRoute',
      'PpkRequestDecision', 'PpkAwaitDecision',
      ...NOTICE,
    ]);
    expect(calls.filter((c) => c.startsWith('notify-bawaslu'))).toEqual(['notify-bawaslu:report.closed']);
  });

  it.each([
    ['OPD_REVIEW', { OPD_REVIEW: ['DISMISS'] }, 'OpdRoute'],
    ['BKPP_ASSESSMENT', { OPD_REVIEW: ['FORWARD'], BKPP_ASSESSMENT: ['DISMISS'] }, 'BkppRoute'],
    // The PPK's answer needs no Choice: both of its outcomes close the report.
    ['PPK_DECISION', { OPD_REVIEW: ['FORWARD'], BKPP_ASSESSMENT: ['RECOMMEND'], PPK_DECISION: ['DISMISS'] }, 'PpkAwaitDecision'],
  ])('a dismissal at %s closes the report and tells Bawaslu', async (_, decide, lastRoute) => {
    const { record } = await run({ decide });
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history.slice(-2)).toEqual([lastRoute, ...NOTICE]);
  });

  it('skips the OPD review on a conflict of interest', async () => {
    const { record, calls } = await run({ skip: true, decide: { BKPP_ASSESSMENT: ['DISMISS'] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history.slice(0, 3)).toEqual(['StartReview', 'ResumeAt', 'BkppRequestDecision']);
    expect(record.history.some((state) => state.startsWith('Opd'))).toBe(false);
    expect(calls).not.toContain('request-decision:OPD_REVIEW');
  });

  it('reminds a silent OPD head, then at the deadline goes on to BKPP', async () => {
    const { record, calls } = await run({ remindMs: 80, deadlineMs: 200, decide: { OPD_REVIEW: ['silent'], BKPP_ASSESSMENT: ['DISMISS'] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history.slice(2, 9)).toEqual([
      'OpdRequestDecision', 'OpdAwaitDecision', 'OpdSendReminder', 'OpdAwaitDecisionAfterReminder', 'OpdDeadlinePassed', 'OpdRoute', 'BkppRequestDecision',
    ]);
    expect(calls).toContain('send-reminder:OPD_REVIEW');
  });

  it('takes a decision given after the reminder', async () => {
    const { record } = await run({ remindMs: 60, deadlineMs: 5_000, decide: { OPD_REVIEW: ['late:DISMISS'] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history).toContain('OpdSendReminder');
    expect(record.history).not.toContain('OpdDeadlinePassed');
    expect(record.history.slice(-2)).toEqual(['OpdRoute', ...NOTICE]);
  });

  it.each([
    ['BKPP_ASSESSMENT', 'Bkpp', { OPD_REVIEW: ['FORWARD'], BKPP_ASSESSMENT: ['silent', 'RECOMMEND'], PPK_DECISION: ['IMPOSE'] }],
    ['PPK_DECISION', 'Ppk', { OPD_REVIEW: ['FORWARD'], BKPP_ASSESSMENT: ['RECOMMEND'], PPK_DECISION: ['silent', 'IMPOSE'] }],
  ])('at the %s deadline it escalates and asks again with a fresh link; nothing is dropped', async (step, prefix, decide) => {
    const { record, calls } = await run({ remindMs: 50, deadlineMs: 120, decide });
    expect(record.status).toBe('SUCCEEDED');
    const i = record.history.indexOf(`${prefix}DeadlinePassed`);
    expect(record.history.slice(i, i + 3)).toEqual([`${prefix}DeadlinePassed`, `${prefix}Route`, `${prefix}RequestDecision`]);
    expect(calls.filter((c) => c === `request-decision:${step}`)).toHaveLength(2);
    expect(record.history.slice(-1)).toEqual(NOTICE);
  });

  it('retries a failing Bawaslu notice with backoff, then succeeds', async () => {
    const { record, calls } = await run({ decide: { OPD_REVIEW: ['DISMISS'] }, noticeFailures: 2 });
    expect(record.status).toBe('SUCCEEDED');
    expect(calls.filter((c) => c === 'notify-bawaslu:report.closed')).toHaveLength(3);
    expect(record.history.slice(-1)).toEqual(NOTICE);
  });

  it('ends in the alarmable BawasluNoticeFailed state when every retry fails, after recording it', async () => {
    const { record, calls } = await run({ decide: { OPD_REVIEW: ['DISMISS'] }, noticeFailures: 100 });
    expect(record.status).toBe('FAILED');
    expect(record.error).toBe('BawasluNoticeFailed');
    expect(calls.filter((c) => c === 'notify-bawaslu:report.closed')).toHaveLength(9); // the first try and 8 retries
    expect(record.history.slice(-3)).toEqual(['NotifyBawaslu', 'RecordNoticeFailure', 'BawasluNoticeFailed']);
  });

  it('retries a task that keeps failing (SendTaskFailure) 12 times, then records it and fails into WorkflowStepFailed', async () => {
    const { record, calls } = await run({ decide: { OPD_REVIEW: ['fail:DecisionNotFound'] } });
    expect(record.status).toBe('FAILED');
    expect(record.error).toBe('WorkflowStepFailed');
    expect(calls.filter((c) => c === 'await-decision:OPD_REVIEW')).toHaveLength(13);
    expect(calls.at(-1)).toBe('record-step-failure');
    expect(record.history.slice(-3)).toEqual(['OpdAwaitDecision', 'RecordStepFailure', 'WorkflowStepFailed']);
  });

  it.each([
    ['AWAITING_PPK_DECISION', 'PPK_DECISION', 'PpkRequestDecision'],
    ['AWAITING_BKPP_ASSESSMENT', 'BKPP_ASSESSMENT', 'BkppRequestDecision'],
    ['a closed report', 'NOTICE', 'NotifyBawaslu'],
  ])('begins a fresh execution at the report’s current step (%s)', async (_, resumeAt, first) => {
    const { record, calls } = await run({ resumeAt, decide: { BKPP_ASSESSMENT: ['DISMISS'], PPK_DECISION: ['DISMISS'] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history.slice(0, 3)).toEqual(['StartReview', 'ResumeAt', first]);
    expect(calls.some((c) => c.startsWith('request-decision:OPD_REVIEW'))).toBe(false);
  });

  it('goes on in a fresh execution when RequestDecision says so, and ends this one', async () => {
    const { record, calls } = await run({ continueOn: 2, decide: { OPD_REVIEW: ['FORWARD'] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history.slice(-4)).toEqual(['BkppRequestDecision', 'BkppAwaitDecision', 'ContinueInNewExecution', 'ContinuedInNewExecution']);
    expect(calls.at(-1)).toBe('continue-workflow');
  });

  it('runs the Retry intervals scaled by the runner’s time scale: 12 retries of the deployed ≥30-minute backoff', async () => {
    const s = scripted({ decide: { OPD_REVIEW: ['fail:DecisionNotFound'] } });
    const runner = s.runner;
    runner.retryIntervalOverrides = {};
    runner.timeScale = 0.001;
    const started = Date.now();
    await runner.start({ regionId: '34.02', reportId: 'SCALED' });
    const record = await runner.waitFor(executionName('34.02', 'SCALED'), (r) => r.status !== 'RUNNING', 30_000);
    // 5, 10, 20, 40, 80, 160 and six times 300 seconds: 2,115 s, run in 2.1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(record.error).toBe('WorkflowStepFailed');
    expect(s.calls.filter((c) => c === 'await-decision:OPD_REVIEW')).toHaveLength(13);
  });

  it('runs each step function under its deployed timeout, unscaled: 5 minutes for the mailing steps, 30 s for the others', async () => {
    const { record, remainingMs } = await run({ decide: { OPD_REVIEW: ['DISMISS'] } });
    expect(record.status).toBe('SUCCEEDED');
    for (const step of ['request-decision', 'notify-bawaslu']) {
      expect(remainingMs[step], step).toBeLessThanOrEqual(MAILING_STEP_TIMEOUT_SECONDS * 1000);
      expect(remainingMs[step], step).toBeGreaterThan(MAILING_STEP_TIMEOUT_SECONDS * 1000 - 5_000);
    }
    expect(remainingMs['start-review']).toBeLessThanOrEqual(STEP_TIMEOUT_SECONDS * 1000);
    expect(remainingMs['start-review']).toBeGreaterThan(STEP_TIMEOUT_SECONDS * 1000 - 5_000);
  });

  it('fails a task whose function outruns its timeout, as Lambda does, and its retrier runs it again', async () => {
    const { record, calls } = await run({ slowFirstStartMs: 1_000, decide: { OPD_REVIEW: ['DISMISS'] } }, { 'start-review': 0.2 });
    expect(record.status).toBe('SUCCEEDED');
    expect(calls.filter((c) => c === 'start-review')).toHaveLength(2);
  });

  it('fails into UnexpectedOutcome for an outcome the definition does not route', async () => {
    const { record } = await run({ decide: { OPD_REVIEW: ['IMPOSE'] } });
    expect(record.status).toBe('FAILED');
    expect(record.error).toBe('UnexpectedOutcome');
  });

  it('gives each waiting task its own token, and a used or stale token resumes nothing', async () => {
    const { runner, tokens, record } = await run({ remindMs: 50, deadlineMs: 100, decide: { OPD_REVIEW: ['silent'], BKPP_ASSESSMENT: ['DISMISS'] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.length).toBe(3);
    for (const token of tokens) expect(await runner.sendTaskSuccess(token, { outcome: 'FORWARD' })).toBe(false);
    expect(await runner.sendTaskSuccess('local-unknown', {})).toBe(false);
  });
});

describe('a notice execution (report.received, report.overdue)', () => {
  it('sends only its webhook, with the event, and never starts the review', async () => {
    const s = scripted({});
    await s.runner.startNotice({ regionId: '34.02', reportId: 'N1', event: 'report.received' });
    await s.runner.startNotice({ regionId: '34.02', reportId: 'N1', event: 'report.received' }); // a no-op: one per event
    const record = await s.runner.waitFor(noticeExecutionName('34.02', 'N1', 'report.received'), (r) => r.status !== 'RUNNING', 20_000);
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history).toEqual(['StartReview', 'ResumeAt', 'CallNoticeWebhook']);
    expect(s.calls).toEqual(['start-review', 'notify-bawaslu:report.received']);
  });

  it('is retried like the closing notice, then recorded and failed into the alarmed BawasluNoticeFailed', async () => {
    const s = scripted({ noticeFailures: 100 });
    await s.runner.startNotice({ regionId: '34.02', reportId: 'N2', event: 'report.overdue' });
    const record = await s.runner.waitFor(noticeExecutionName('34.02', 'N2', 'report.overdue'), (r) => r.status !== 'RUNNING', 20_000);
    expect(record.status).toBe('FAILED');
    expect(record.error).toBe('BawasluNoticeFailed');
    expect(record.history.slice(-3)).toEqual(['CallNoticeWebhook', 'RecordEventNoticeFailure', 'BawasluNoticeFailed']);
    expect(s.calls.filter((c) => c === 'notify-bawaslu:report.overdue')).toHaveLength(9);
  });
});

describe('stopping and restarting the local runner', () => {
  it('resumes a pending approval where it was, with a new token; the old one is dead', async () => {
    const first = scripted({ decide: { OPD_REVIEW: ['silent'] } });
    await first.runner.start({ regionId: '34.02', reportId: 'RESTART1' });
    const name = executionName('34.02', 'RESTART1');
    await first.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision');
    await first.runner.stop();
    expect(await first.runner.sendTaskSuccess(first.tokens[0]!, { outcome: 'FORWARD' })).toBe(false);
    expect(first.runner.read(name)?.status).toBe('RUNNING');

    const second = scripted({ decide: { OPD_REVIEW: ['silent'], BKPP_ASSESSMENT: ['DISMISS'] } }, first.dataDir);
    expect(second.runner.resumeAll()).toEqual([name]);
    await second.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision' && second.tokens.length === 1);
    expect(second.tokens[0]).not.toBe(first.tokens[0]);
    expect(second.calls).toEqual(['await-decision:OPD_REVIEW']); // resumed in the wait, nothing before it again
    expect(await second.runner.sendTaskSuccess(second.tokens[0]!, { outcome: 'FORWARD' })).toBe(true);
    const done = await second.runner.waitFor(name, (r) => r.status !== 'RUNNING');
    expect(done.status).toBe('SUCCEEDED');
    expect(done.history.filter((s) => s === 'OpdAwaitDecision')).toHaveLength(2);
  });

  it('knows what it will resume before resuming: those count as running, a redrive launches nothing, resumeAll runs each once', async () => {
    const first = scripted({ decide: { OPD_REVIEW: ['silent'] } });
    await first.runner.start({ regionId: '34.02', reportId: 'RESTART4' });
    const name = executionName('34.02', 'RESTART4');
    const ref = { regionId: '34.02', reportId: 'RESTART4' };
    await first.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision');
    await first.runner.stop();

    const second = scripted({ decide: { OPD_REVIEW: ['silent'] } }, first.dataDir);
    expect(await second.runner.describe(ref)).toMatchObject({ state: 'ABORTED', redrivable: true }); // not loaded: the window
    const list = vi.spyOn(second.runner, 'list');
    expect(second.runner.loadResumable()).toEqual([name]);
    expect(await second.runner.describe(ref)).toMatchObject({ state: 'RUNNING', redrivable: false });
    await second.runner.redrive(ref);
    expect(second.calls).toEqual([]);
    expect(second.runner.resumeAll()).toEqual([name]);
    expect(list).toHaveBeenCalledTimes(1); // the files are read once for both
    const resumed = await second.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision' && second.tokens.length === 1);
    expect(second.calls).toEqual(['await-decision:OPD_REVIEW']);
    expect(resumed.redriveCount).toBeUndefined();
    await second.runner.stop();
  });

  describe('a restart with many executions waiting (the herd after a crash)', () => {
    const COUNT = 120;
    const POOL = 50; // the local DynamoDB client's sockets
    let dataDir: string;
    const names = Array.from({ length: COUNT }, (_, i) => `report-34-02-HERD${i}`);

    /** Resumes every waiting execution; each wait stores its token through a model of the one client's pool: a store
     *  past its 50 sockets fails as the SDK's connection timeout did, a store holds its socket 100 ms. */
    async function resume(resumeConcurrency?: number) {
      let inFlight = 0;
      let most = 0;
      let failures = 0;
      const stored = new Set<string>();
      const loadHandler = async (file: string): Promise<StepHandler> => async (event: any) => {
        if (file !== 'await-decision') throw new Error(`only the waits run on resume, not ${file}`);
        if (inFlight >= POOL) {
          failures++;
          throw Object.assign(new Error('connection not established within 1000 ms'), { name: 'TimeoutError' });
        }
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 100));
        inFlight--;
        stored.add(event.reportId);
        return { waiting: true };
      };
      const runner = new LocalWorkflowRunner({ dataDir, loadHandler, retryIntervalOverrides: fastRetries, ...(resumeConcurrency ? { resumeConcurrency } : {}) });
      expect(runner.resumeAll()).toHaveLength(COUNT);
      await vi.waitUntil(() => stored.size === COUNT, { timeout: 60_000, interval: 50 });
      const records = names.map((name) => runner.read(name)!);
      await runner.stop();
      return { most, failures, records };
    }

    // One process leaves them all waiting, then dies; each test resumes the same files in a new runner.
    beforeAll(async () => {
      const first = scripted({ decide: { OPD_REVIEW: ['silent'] } });
      dataDir = first.dataDir;
      for (let i = 0; i < COUNT; i++) await first.runner.start({ regionId: '34.02', reportId: `HERD${i}` });
      for (const name of names) await first.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision', 30_000);
      await first.runner.stop();
    }, 60_000);

    it('resumes them a bounded number at a time: every wait stores its token at its first try', async () => {
      const { most, failures, records } = await resume();
      expect(failures).toBe(0);
      expect(most).toBeLessThanOrEqual(RESUME_CONCURRENCY);
      // From the runner's records: every one waits at its state again, entered once more by the resume, no failure.
      for (const record of records) {
        expect(record).toMatchObject({ status: 'RUNNING', waiting: { stateName: 'OpdAwaitDecision' } });
        expect(record.history.filter((state) => state === 'OpdAwaitDecision')).toHaveLength(2);
      }
    });

    it('(the same restart unbounded fails stores past the pool, as npm start did)', async () => {
      const { failures } = await resume(COUNT);
      expect(failures).toBeGreaterThan(0);
    });
  });

  it('records a wait resumed at its state even when the stopped process had cleared it (its task was between tries)', async () => {
    const first = scripted({ decide: { OPD_REVIEW: ['silent'] } });
    await first.runner.start({ regionId: '34.02', reportId: 'RESTART3' });
    const name = executionName('34.02', 'RESTART3');
    await first.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision');
    await first.runner.stop();
    // As a process leaves it when it dies while the wait's task failed and waits for its retry: no `waiting`.
    const file = join(first.dataDir, 'executions', `${name}.json`);
    writeFileSync(file, JSON.stringify({ ...first.runner.read(name), waiting: undefined }));

    const second = scripted({ decide: { OPD_REVIEW: ['silent'], BKPP_ASSESSMENT: ['DISMISS'] } }, first.dataDir);
    expect(second.runner.resumeAll()).toEqual([name]);
    // The interpreter enters the first task inside machine.run: that task's record must land too.
    await second.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision' && second.tokens.length === 1);
    expect(await second.runner.sendTaskSuccess(second.tokens[0]!, { outcome: 'FORWARD' })).toBe(true);
    const done = await second.runner.waitFor(name, (r) => r.status !== 'RUNNING');
    expect(done.status).toBe('SUCCEEDED');
  });

  it('counts a wait from its absolute time: one that ran out while stopped times out on resume', async () => {
    const first = scripted({ remindMs: 300, deadlineMs: 60_000 });
    await first.runner.start({ regionId: '34.02', reportId: 'RESTART2' });
    const name = executionName('34.02', 'RESTART2');
    const waiting = await first.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecision');
    await first.runner.stop();
    // Nothing runs until the wait's own time, on its record, has passed.
    const until = Date.parse(waiting.waiting!.until!);
    await vi.waitUntil(() => Date.now() > until, { timeout: 5_000, interval: 20 });
    const second = scripted({ remindMs: 300, deadlineMs: 60_000 }, first.dataDir);
    second.runner.resumeAll();
    const after = await second.runner.waitFor(name, (r) => r.waiting?.stateName === 'OpdAwaitDecisionAfterReminder', 2_000);
    expect(after.history.slice(-2)).toEqual(['OpdSendReminder', 'OpdAwaitDecisionAfterReminder']);
    await second.runner.stop();
  });

  it('keeps a wait longer than the interpreter’s timer ceiling by starting it over, and times it out on time', async () => {
    const s = scripted({ remindMs: 2_500, deadlineMs: 60_000 }, undefined, 1); // a 1 s ceiling for a 2.5 s wait
    const started = Date.now();
    await s.runner.start({ regionId: '34.02', reportId: 'LONG' });
    const record = await s.runner.waitFor(executionName('34.02', 'LONG'), (r) => r.history.includes('OpdSendReminder'), 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_400);
    expect(record.history.filter((state) => state === 'OpdAwaitDecision').length).toBeGreaterThanOrEqual(3);
    expect(record.history.slice(-2)).toEqual(['OpdSendReminder', 'OpdAwaitDecisionAfterReminder']);
    await s.runner.stop();
  });

  it('redrives a failed execution from the state that failed, with that state’s input', async () => {
    const s = scripted({ brokenOn: 1, decide: { OPD_REVIEW: ['DISMISS'] } });
    await s.runner.start({ regionId: '34.02', reportId: 'REDRIVE' });
    const failed = await s.runner.waitFor(executionName('34.02', 'REDRIVE'), (r) => r.status !== 'RUNNING');
    expect(failed.status).toBe('FAILED');
    expect(failed.state.name).toBe('OpdRequestDecision');
    expect(await s.runner.describe({ regionId: '34.02', reportId: 'REDRIVE' })).toMatchObject({ state: 'FAILED', redrivable: true });
    await s.runner.redrive({ regionId: '34.02', reportId: 'REDRIVE' });
    const done = await s.runner.waitFor(executionName('34.02', 'REDRIVE'), (r) => r.status !== 'RUNNING');
    expect(done.status).toBe('SUCCEEDED');
    expect(done.redriveCount).toBe(1);
    expect(s.calls.filter((c) => c === 'start-review')).toHaveLength(1); // nothing before the failed state ran again
    expect(s.calls.filter((c) => c === 'request-decision:OPD_REVIEW')).toHaveLength(2);
  });

  it('describes a deliberate failure as not redrivable, and an execution nobody runs as aborted', async () => {
    const s = scripted({ decide: { OPD_REVIEW: ['IMPOSE'] } });
    await s.runner.start({ regionId: '34.02', reportId: 'DELIBERATE' });
    await s.runner.waitFor(executionName('34.02', 'DELIBERATE'), (r) => r.status !== 'RUNNING');
    expect(await s.runner.describe({ regionId: '34.02', reportId: 'DELIBERATE' })).toMatchObject({ state: 'FAILED', redrivable: false, error: 'UnexpectedOutcome' });
    expect(await s.runner.describe({ regionId: '34.02', reportId: 'NEVER' })).toEqual({ state: 'NONE', redrivable: false });

    const first = scripted({ decide: { OPD_REVIEW: ['silent'] } });
    await first.runner.start({ regionId: '34.02', reportId: 'ORPHAN' });
    await first.runner.waitFor(executionName('34.02', 'ORPHAN'), (r) => r.waiting?.stateName === 'OpdAwaitDecision');
    await first.runner.stop();
    const second = scripted({ decide: { OPD_REVIEW: ['DISMISS'] } }, first.dataDir);
    expect(await second.runner.describe({ regionId: '34.02', reportId: 'ORPHAN' })).toEqual({ state: 'ABORTED', redrivable: true });
    await second.runner.redrive({ regionId: '34.02', reportId: 'ORPHAN' });
    expect((await second.runner.waitFor(executionName('34.02', 'ORPHAN'), (r) => r.status !== 'RUNNING')).status).toBe('SUCCEEDED');
  });

  it('starts one execution per report: a second start is a no-op', async () => {
    const s = scripted({ decide: { OPD_REVIEW: ['DISMISS'] } });
    await Promise.all([s.runner.start({ regionId: '34.02', reportId: 'ONCE' }), s.runner.start({ regionId: '34.02', reportId: 'ONCE' })]);
    await s.runner.waitFor(executionName('34.02', 'ONCE'), (r) => r.status !== 'RUNNING');
    await s.runner.start({ regionId: '34.02', reportId: 'ONCE' });
    expect(s.calls.filter((c) => c === 'start-review')).toHaveLength(1);
  });
});
