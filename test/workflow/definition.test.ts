// The one workflow definition, checked as a file: its placeholders name real step handlers, every wait has
// a reminder/deadline timeout and a timeout path, and the local runner's copy differs from the deployed one
// only by the bound function names and its one documented adaptation.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  isWaitTask, localDefinition, localFunctionName, readDefinition, stepFileOf, WAIT_TIMEOUT_CEILING_SECONDS,
} from '../../functions/adapters/local-workflow/definition.ts';

const deployed = readDefinition();
const text = JSON.stringify(deployed);
const states = Object.entries(deployed.States) as [string, any][];
const tasks = states.filter(([, s]) => s.Type === 'Task');
const waits = tasks.filter(([, s]) => isWaitTask(s));

describe('workflows/sanction.asl.json', () => {
  it('passes the ASL validator with ARN and path checks on', () => {
    expect(() => new StateMachine(deployed as any)).not.toThrow();
  });

  it('uses only ${XxxFunctionArn} placeholders, each naming a step handler file that exports handler', async () => {
    const placeholders = [...new Set([...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!))].sort();
    expect(placeholders).toEqual([
      'AwaitDecisionFunctionArn', 'DecisionDeadlineFunctionArn', 'NotifyBawasluFunctionArn', 'RecordNoticeFailureFunctionArn',
      'RequestDecisionFunctionArn', 'SendReminderFunctionArn', 'StartReviewFunctionArn',
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

  it('makes each wait a .waitForTaskToken task timed from the same Lambda result as its `until`, caught on States.Timeout', () => {
    expect(waits.map(([name]) => name).sort()).toEqual([
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
    expect(routes('OpdRoute')).toEqual({ FORWARD: 'BkppRequestDecision', TIMED_OUT: 'BkppRequestDecision', DISMISS: 'EmailBawaslu' });
    expect(routes('BkppRoute')).toEqual({ RECOMMEND: 'PpkRequestDecision', DISMISS: 'EmailBawaslu', ESCALATED: 'BkppRequestDecision' });
    expect(routes('PpkRoute')).toEqual({ IMPOSE: 'EmailBawaslu', DISMISS: 'EmailBawaslu', ESCALATED: 'PpkRequestDecision' });
  });

  it('retries the Bawaslu notice with backoff and catches its final failure into BawasluNoticeFailed', () => {
    for (const name of ['EmailBawaslu', 'CallBawasluWebhook']) {
      const s = deployed.States[name];
      expect(s.Retry.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], BackoffRate: 2, MaxAttempts: 8 });
      expect(s.Catch[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'RecordNoticeFailure' });
    }
    // A refused webhook address is permanent: the first retrier matching it allows no attempt, so the catch
    // records it at once (the e-mail went out in EmailBawaslu before).
    const webhook = deployed.States.CallBawasluWebhook;
    const first = webhook.Retry.find((r: { ErrorEquals: string[] }) => r.ErrorEquals.includes('WebhookRefused') || r.ErrorEquals.includes('States.ALL'));
    expect(first).toEqual({ ErrorEquals: ['WebhookRefused'], MaxAttempts: 0 });
    expect(deployed.States.EmailBawaslu.Next).toBe('CallBawasluWebhook');
    expect(deployed.States.RecordNoticeFailure.Next).toBe('BawasluNoticeFailed');
    expect(deployed.States.BawasluNoticeFailed).toMatchObject({ Type: 'Fail', Error: 'BawasluNoticeFailed' });
  });
});

describe('the local runner’s copy', () => {
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
