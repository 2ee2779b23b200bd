// The one workflow definition, checked as a file: its placeholders name real step handlers, every wait has
// a reminder/deadline timeout and a timeout path, and the local runner's copy differs from the deployed one
// only by the bound function names and its one documented adaptation.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  isWaitTask, localDefinition, localFunctionName, readDefinition, scaleRetries, stepFileOf, WAIT_TIMEOUT_CEILING_SECONDS,
} from '../../functions/adapters/local-workflow/definition.ts';
import { STEP_TIMEOUT_SECONDS, stepTimeoutSeconds } from '../../functions/support/time-budget.ts';
import { STEPS } from '../../functions/domain/workflow.ts';
import { sanctionDefinitionText } from '../../workflows/sanction.template.ts';

const deployed = readDefinition();
const text = JSON.stringify(deployed);
const states = Object.entries(deployed.States) as [string, any][];
const tasks = states.filter(([, s]) => s.Type === 'Task');
const waits = tasks.filter(([, s]) => isWaitTask(s));

describe('workflows/sanction.asl.json', () => {
  it('is exactly what `npm run workflow:generate` writes from workflows/sanction.template.ts', () => {
    // Edit the template and run the generator; a hand edit of the JSON (or a template change not generated) fails here.
    expect(readFileSync('workflows/sanction.asl.json', 'utf8')).toBe(sanctionDefinitionText());
  });

  it('passes the ASL validator with ARN and path checks on', () => {
    expect(() => new StateMachine(deployed as any)).not.toThrow();
  });

  it('uses only ${XxxFunctionArn} placeholders, each naming a step handler file that exports handler', async () => {
    const placeholders = [...new Set([...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!))].sort();
    expect(placeholders).toEqual([
      'AwaitDecisionFunctionArn', 'ContinueWorkflowFunctionArn', 'DecisionDeadlineFunctionArn', 'NotifyBawasluFunctionArn',
      'RecordNoticeFailureFunctionArn', 'RecordStepFailureFunctionArn', 'RequestDecisionFunctionArn', 'SendReminderFunctionArn', 'StartReviewFunctionArn',
    ]);
    for (const placeholder of placeholders) {
      const step = stepFileOf(placeholder.replace(/FunctionArn$/, ''));
      expect(existsSync(`functions/steps/${step}.ts`), step).toBe(true);
      expect(typeof (await import(`../../functions/steps/${step}.ts`)).handler, step).toBe('function');
    }
    expect(stepFileOf('RecordNoticeFailure')).toBe('record-notice-failure');
  });

  it('has every state reachable from StartAt, and every Next names a state', () => {
    const reachable = new Set<string>();
    const visit = (name: string) => {
      if (reachable.has(name)) return;
      expect(deployed.States[name], name).toBeDefined();
      reachable.add(name);
      const s = deployed.States[name];
      for (const next of [s.Next, s.Default, ...(s.Choices ?? []).map((c: any) => c.Next), ...(s.Catch ?? []).map((c: any) => c.Next)]) {
        if (next) visit(next);
      }
    };
    visit(deployed.StartAt);
    expect([...reachable].sort()).toEqual(Object.keys(deployed.States).sort());
  });

  it('gives every Task an explicit timeout (the local interpreter defaults to 60 s, AWS to a year)', () => {
    for (const [name, s] of tasks) expect(s.TimeoutSeconds ?? s.TimeoutSecondsPath, name).toBeDefined();
  });

  it('lets every step function run out its own timeout before its Task times out (and is retried, sending again)', () => {
    const steps = tasks.filter(([, s]) => !isWaitTask(s));
    for (const [name, s] of steps) {
      const step = stepFileOf(/^\$\{(\w+)FunctionArn\}$/.exec(s.Parameters.FunctionName)![1]!);
      expect(s.TimeoutSeconds, name).toBeGreaterThan(stepTimeoutSeconds(step));
    }
    // The sending ones: each approver's request, reminder and escalation, and Bawaslu's notices.
    const sending = ['Opd', 'Bkpp', 'Ppk', 'Appeal'].flatMap((p) => [`${p}RequestDecision`, `${p}SendReminder`, `${p}DeadlinePassed`]).concat('NotifyBawaslu', 'CallNoticeWebhook', 'AppealNotifyBawaslu');
    expect(steps.filter(([, s]) => s.TimeoutSeconds > STEP_TIMEOUT_SECONDS * 2).map(([name]) => name).sort()).toEqual(sending.sort());
  });

  it('makes each wait a .waitForTaskToken task timed from the same Lambda result as its `until`, caught on States.Timeout', () => {
    expect(waits.map(([name]) => name).sort()).toEqual([
      'AppealAwaitDecision', 'AppealAwaitDecisionAfterReminder',
      'BkppAwaitDecision', 'BkppAwaitDecisionAfterReminder', 'OpdAwaitDecision', 'OpdAwaitDecisionAfterReminder', 'PpkAwaitDecision', 'PpkAwaitDecisionAfterReminder',
    ]);
    for (const [name, s] of waits) {
      const payload = s.Parameters.Payload;
      expect(payload['taskToken.$'], name).toBe('$$.Task.Token');
      const pair = name.endsWith('AfterReminder') ? ['$.reminder.deadlineSeconds', '$.request.deadlineAt'] : ['$.request.remindSeconds', '$.request.remindAt'];
      expect([s.TimeoutSecondsPath, payload['until.$']], name).toEqual(pair);
      const onTimeout = s.Catch.find((c: any) => c.ErrorEquals.includes('States.Timeout'));
      expect(onTimeout.Next, name).toBe(name.replace(/AwaitDecision(AfterReminder)?$/, (_: string, after?: string) => (after ? 'DeadlinePassed' : 'SendReminder')));
      // A timeout is a path, never something to retry (the local runner relies on this too).
      for (const retrier of s.Retry ?? []) expect(retrier.ErrorEquals, name).not.toContain('States.ALL');
      for (const retrier of s.Retry ?? []) expect(retrier.ErrorEquals, name).not.toContain('States.Timeout');
    }
  });

  it('routes every wait outcome, with no timeout that drops a report', () => {
    const routes = (name: string) => Object.fromEntries(deployed.States[name].Choices.map((c: any) => [c.StringEquals, c.Next]));
    expect(routes('OpdRoute')).toEqual({ FORWARD: 'BkppRequestDecision', TIMED_OUT: 'BkppRequestDecision', DISMISS: 'NotifyBawaslu' });
    expect(routes('BkppRoute')).toEqual({ RECOMMEND: 'PpkRequestDecision', DISMISS: 'NotifyBawaslu', ESCALATED: 'BkppRequestDecision', OVERDUE: 'BkppRequestDecision' });
    expect(routes('PpkRoute')).toEqual({ IMPOSE: 'NotifyBawaslu', DISMISS: 'NotifyBawaslu', ESCALATED: 'PpkRequestDecision', OVERDUE: 'PpkRequestDecision' });
    // A PPK's own answer can only be IMPOSE or DISMISS, both closing the report: its waits go straight to the
    // notice, and PpkRoute is reached from the deadline alone.
    expect(STEPS.PPK_DECISION.outcomes).toEqual(['IMPOSE', 'DISMISS']);
    expect(['PpkAwaitDecision', 'PpkAwaitDecisionAfterReminder'].map((name) => deployed.States[name].Next)).toEqual(['NotifyBawaslu', 'NotifyBawaslu']);
    expect(Object.entries(deployed.States).filter(([, s]: [string, any]) => s.Next === 'PpkRoute').map(([name]) => name)).toEqual(['PpkDeadlinePassed']);
  });

  it('begins at the report’s current status, so a fresh execution resumes where the report is', () => {
    const resume = Object.fromEntries(deployed.States.ResumeAt.Choices.map((c: any) => [c.StringEquals, c.Next]));
    expect(resume).toEqual({
      OPD_REVIEW: 'OpdRequestDecision', BKPP_ASSESSMENT: 'BkppRequestDecision', PPK_DECISION: 'PpkRequestDecision', NOTICE: 'NotifyBawaslu',
      WEBHOOK_NOTICE: 'CallNoticeWebhook', APPEAL: 'AppealRequestDecision',
    });
    // The first state, for a report's execution and a notice execution alike: it is handed the whole input.
    expect(deployed.StartAt).toBe('StartReview');
    expect(deployed.States.StartReview.Parameters['Payload.$']).toBe('$');
    expect(deployed.States.StartReview.Next).toBe('ResumeAt');
  });

  it('lets every RequestDecision hand over to a fresh execution before Step Functions’ limits', () => {
    for (const prefix of ['Opd', 'Bkpp', 'Ppk']) {
      const request = deployed.States[`${prefix}RequestDecision`];
      expect(request.Parameters.Payload).toMatchObject({ 'executionName.$': '$$.Execution.Name', 'executionStartedAt.$': '$$.Execution.StartTime' });
      // No Choice between the request and its wait: a `continue` answer fails the wait at once with
      // ContinueInNewExecution, which is never retried and is caught into the continuation.
      expect(request.Next).toBe(`${prefix}AwaitDecision`);
      const wait = deployed.States[`${prefix}AwaitDecision`];
      expect(wait.Parameters.Payload['continue.$']).toBe('$.request.continue');
      expect(wait.Retry[0]).toEqual({ ErrorEquals: ['ContinueInNewExecution'], MaxAttempts: 0 });
      expect(wait.Catch[0]).toEqual({ ErrorEquals: ['ContinueInNewExecution'], ResultPath: null, Next: 'ContinueInNewExecution' });
    }
    expect(deployed.States.ContinueInNewExecution.Next).toBe('ContinuedInNewExecution');
    expect(deployed.States.ContinuedInNewExecution.Type).toBe('Succeed');
  });

  /** The waits before each retry of a retrier, as Step Functions runs them (no jitter). */
  const schedule = (retrier: any) => Array.from({ length: retrier.MaxAttempts }, (_, n) =>
    Math.min(retrier.IntervalSeconds * retrier.BackoffRate ** n, retrier.MaxDelaySeconds ?? Infinity));

  it('retries every Task for at least 30 minutes, without jitter shortening it, then catches what still fails', () => {
    for (const [name, s] of tasks) {
      expect(s.Retry?.length, name).toBeGreaterThan(0);
      for (const retrier of s.Retry) {
        // The two exceptions, each declared first and never retried: a permanent error (a refused webhook
        // address), and a wait told to go on in a fresh execution.
        if (retrier.MaxAttempts === 0) {
          expect([['WebhookRefused'], ['ContinueInNewExecution']], name).toContainEqual(retrier.ErrorEquals);
          expect(s.Retry.indexOf(retrier), name).toBe(0);
          continue;
        }
        const total = schedule(retrier).reduce((a, b) => a + b, 0);
        expect(total, `${name} ${retrier.ErrorEquals}`).toBeGreaterThanOrEqual(1800);
        if (total < 2 * 1800) expect(retrier.JitterStrategy ?? 'NONE', name).toBe('NONE');
      }
      // Transient faults of the step (DynamoDB, SES, the Lambda service) surface as States.TaskFailed or Lambda.*.
      expect(s.Retry.flatMap((r: any) => r.ErrorEquals), name).toEqual(expect.arrayContaining([expect.stringMatching(/^States\.(TaskFailed|ALL)$/)]));
      const last = s.Catch?.at(-1);
      expect(last?.ErrorEquals, name).toEqual(['States.ALL']);
      const target = deployed.States[last.Next];
      expect(['RecordStepFailure', 'RecordNoticeFailure', 'RecordEventNoticeFailure', 'RecordAppealNoticeFailure', 'WorkflowStepFailed', 'BawasluNoticeFailed'], name).toContain(last.Next);
      expect(target.Type === 'Fail' || target.Next === 'WorkflowStepFailed' || target.Next === 'BawasluNoticeFailed', name).toBe(true);
    }
    expect(deployed.States.RecordStepFailure.Next).toBe('WorkflowStepFailed');
    expect(deployed.States.WorkflowStepFailed).toMatchObject({ Type: 'Fail', Error: 'WorkflowStepFailed' });
  });

  it('retries the Bawaslu notice with backoff and catches its final failure into BawasluNoticeFailed', () => {
    for (const name of ['NotifyBawaslu', 'CallNoticeWebhook']) {
      const s = deployed.States[name];
      expect(s.Retry.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], BackoffRate: 2, MaxAttempts: 8 });
      expect(s.Catch[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: name === 'NotifyBawaslu' ? 'RecordNoticeFailure' : 'RecordEventNoticeFailure' });
      // The last state of its execution: no Succeed state after it (one transition less).
      expect(s.End, name).toBe(true);
    }
    // A refused webhook address is permanent: the first retrier matching it allows no attempt, so the catch
    // records it at once (the e-mail went out before, in the same step, and is marked sent).
    const webhook = deployed.States.NotifyBawaslu;
    const first = webhook.Retry.find((r: { ErrorEquals: string[] }) => r.ErrorEquals.includes('WebhookRefused') || r.ErrorEquals.includes('States.ALL'));
    expect(first).toEqual({ ErrorEquals: ['WebhookRefused'], MaxAttempts: 0 });
    expect(deployed.States.RecordNoticeFailure.Next).toBe('BawasluNoticeFailed');
    expect(deployed.States.BawasluNoticeFailed).toMatchObject({ Type: 'Fail', Error: 'BawasluNoticeFailed' });
  });
});

describe('the local runner’s copy', () => {
  it('scales every Retry interval by the runner’s time scale, and nothing else', () => {
    const scaled = scaleRetries(deployed, 0.01);
    for (const [name, s] of Object.entries(scaled.States) as [string, any][]) {
      (s.Retry ?? []).forEach((retrier: any, i: number) => {
        const original = deployed.States[name].Retry[i];
        if (original.MaxAttempts === 0) return expect(retrier).toEqual(original);
        expect(retrier.IntervalSeconds, name).toBeCloseTo(original.IntervalSeconds * 0.01);
        expect({ ...retrier, IntervalSeconds: original.IntervalSeconds, MaxDelaySeconds: original.MaxDelaySeconds }).toEqual(original);
      });
    }
    expect(scaleRetries(deployed, 1)).toBe(deployed);
  });

  it('differs from the deployed definition only by bound function names and the wait-timeout adaptation', () => {
    const local = localDefinition(deployed);
    expect(JSON.stringify(local)).not.toMatch(/\$\{/);
    // Undo exactly those two changes: what is left must be the deployed file, byte for byte as JSON.
    const undone = structuredClone(local);
    for (const [name, s] of Object.entries(undone.States) as [string, any][]) {
      const original = deployed.States[name];
      if (s.Parameters?.FunctionName) {
        expect(s.Parameters.FunctionName).toBe(localFunctionName(stepFileOf(original.Parameters.FunctionName.slice(2, -'FunctionArn}'.length))));
        s.Parameters.FunctionName = original.Parameters.FunctionName;
      }
      if (isWaitTask(s)) {
        expect(s.TimeoutSeconds).toBe(WAIT_TIMEOUT_CEILING_SECONDS);
        delete s.TimeoutSeconds;
        s.TimeoutSecondsPath = original.TimeoutSecondsPath;
      }
    }
    const canonical = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(canonical)
        : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
          : value;
    expect(canonical(undone)).toEqual(canonical(deployed));
  });
});
