// The write that marks an e-mail as sent (lib/mark-sent.ts, used by workflow.ts mailOnce): retried through an
// outage within the step's own time, never past it, with fakes and a fake clock (no waiting).
import { describe, expect, it } from 'vitest';
import { markSentRetrier, withDeadline } from '../../functions/lib/mark-sent.ts';
import { DYNAMO_CLIENT, dynamoCallMaxMs, MAILING_STEP_TIMEOUT_SECONDS, markReserveMs } from '../../functions/support/time-budget.ts';
import { mailOnce } from '../../functions/use-cases/step-support.ts';
import { TransitionConflict, UnavailableError } from '../../functions/domain/errors.ts';
import type { ReportTransition } from '../../functions/domain/transition.ts';
import type { DecisionRecord } from '../../functions/domain/decision-record.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';

const TIMEOUTS = DYNAMO_CLIENT.aws;
const CALL_MS = dynamoCallMaxMs(TIMEOUTS); // what one call to a database that never answers costs

/** A fake clock: sleeping and failed calls move it on, so budgets are checked without waiting; the jitter's
 *  dice fixed at the middle. */
function fakeTime() {
  const time = { t: 1_000_000, now: () => time.t, sleep: async (ms: number) => { time.t += ms; }, random: () => 0.5 };
  return time;
}

/** A database down until `until` (fake time): each call before then costs CALL_MS and fails as the SDK would. */
function outage(time: ReturnType<typeof fakeTime>, until: number) {
  const starts: number[] = [];
  return {
    starts,
    call: async <T>(work: () => T): Promise<T> => {
      starts.push(time.t);
      if (time.t < until) {
        time.t += CALL_MS;
        throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
      }
      return work();
    },
  };
}

describe('the mark after a send', () => {
  it('inside a step, a mark failing transiently N times and then landing is written once, within the step', async () => {
    const time = fakeTime();
    const markSent = markSentRetrier({ timeouts: TIMEOUTS, ...time });
    const db = outage(time, time.t + 60_000);
    const result = await withDeadline(time.t + MAILING_STEP_TIMEOUT_SECONDS * 1000, () => markSent(() => db.call(() => 'marked')));
    expect(result).toBe('marked');
    expect(db.starts.length).toBeGreaterThan(3);
  });

  it('rides out a 2-minute outage inside the mailing steps\' timeout, with time left to answer', async () => {
    const time = fakeTime();
    const deadline = time.t + MAILING_STEP_TIMEOUT_SECONDS * 1000;
    const markSent = markSentRetrier({ timeouts: TIMEOUTS, ...time });
    const back = time.t + 120_000;
    const db = outage(time, back);
    await withDeadline(deadline, () => markSent(() => db.call(() => 'marked')));
    // Landed within one backoff (≤ 5 s) and one failed call of the database's return.
    expect(time.t).toBeGreaterThanOrEqual(back);
    expect(time.t).toBeLessThanOrEqual(back + 5_000 + CALL_MS);
    expect(time.t).toBeLessThan(deadline - markReserveMs(TIMEOUTS));
  });

  it('past the budget it throws the last error, and starts no attempt later than the reserve before the deadline', async () => {
    const time = fakeTime();
    const deadline = time.t + 60_000;
    const markSent = markSentRetrier({ timeouts: TIMEOUTS, ...time });
    const db = outage(time, Infinity);
    await expect(withDeadline(deadline, () => markSent(() => db.call(() => 'never')))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(db.starts.length).toBeGreaterThan(3);
    expect(Math.max(...db.starts)).toBeLessThanOrEqual(deadline - markReserveMs(TIMEOUTS));
    expect(time.t).toBeLessThan(deadline); // the step fails by itself, before Lambda would stop it
  });

  it('throws a conflict (already marked) or another error at once; outside a step it writes once', async () => {
    const time = fakeTime();
    const markSent = markSentRetrier({ timeouts: TIMEOUTS, ...time });
    let calls = 0;
    const conflict = new TransitionConflict('decision');
    await expect(withDeadline(time.t + 300_000, () => markSent(async () => { calls++; throw conflict; }))).rejects.toBe(conflict);
    expect(calls).toBe(1);
    await expect(markSent(async () => { calls++; throw new UnavailableError('down'); })).rejects.toThrow('down');
    expect(calls).toBe(2);
  });
});

describe('mailOnce with a mark that meets an outage', () => {
  const report = { regionId: '34.02', id: 'R1', electionId: 'pilkada-2024', status: 'AWAITING_OPD_REVIEW' } as StoredReport;
  const record = { key: 'k1', nonce: 'n1', step: 'OPD_REVIEW' } as DecisionRecord;
  const entry = { actor: 'SYSTEM', action: 'DECISION_REQUESTED', status: 'AWAITING_OPD_REVIEW' } as const;

  /** A report store whose writes fail while the database is down (`failures` calls, or until `downUntil`), the
   *  first one optionally after applying it (a lost answer); a second mark of the same e-mail is refused, as
   *  DynamoDB's condition refuses it. */
  function fakes(options: { failures?: number; downForMs?: number; lostAnswer?: boolean }) {
    const time = fakeTime();
    const downUntil = time.t + (options.downForMs ?? 0);
    const marks = new Set<string>();
    const timeline: string[] = [];
    const sent: string[] = [];
    let calls = 0;
    const deps = {
      clock: { now: () => new Date(time.t) },
      markSent: markSentRetrier({ timeouts: TIMEOUTS, ...time }),
      reports: {
        transition: async (change: ReportTransition) => {
          calls++;
          const { key, mark } = change.record as { key: string; mark: string };
          const apply = () => {
            if (marks.has(`${key}:${mark}`)) throw new TransitionConflict('decision');
            marks.add(`${key}:${mark}`);
            timeline.push(...change.timeline.map((e) => e.action));
          };
          if (calls <= (options.failures ?? 0) || time.t < downUntil) {
            if (calls === 1 && options.lostAnswer) apply();
            time.t += CALL_MS;
            throw new UnavailableError('DynamoDB did not answer');
          }
          apply();
        },
      },
    } as never;
    /** One attempt of the step: the record as it reads it, under the step function's deadline. */
    const attempt = (r: DecisionRecord, timeoutMs = MAILING_STEP_TIMEOUT_SECONDS * 1000) =>
      withDeadline(time.t + timeoutMs, () => mailOnce(deps, report, r, 'requestMailedAt', async () => { sent.push(r.nonce); }, entry));
    return { attempt, time, timeline, sent, marked: () => marks.size > 0, calls: () => calls };
  }

  it('send succeeds, the mark fails transiently 4 times (the first applied, its answer lost), then lands: one e-mail, one timeline entry', async () => {
    const f = fakes({ failures: 4, lostAnswer: true });
    expect(await f.attempt(record)).toBe(true);
    expect(f.sent).toEqual(['n1']);
    expect(f.timeline).toEqual(['DECISION_REQUESTED']);
    expect(f.calls()).toBe(5);
  });

  it('a mark failing past the budget fails the step; the step\'s retry sends the same link again, never a new one', async () => {
    const f = fakes({ downForMs: 40_000 });
    await expect(f.attempt(record, 30_000)).rejects.toThrow('DynamoDB did not answer');
    expect(f.sent).toEqual(['n1']);
    expect(f.marked()).toBe(false);
    f.time.t += 10_000; // Step Functions' retry interval; the database is back
    // The retry reads the same record (the report's pending link), still unmarked, and e-mails its link again.
    expect(await f.attempt(record, 30_000)).toBe(true);
    expect(f.sent).toEqual(['n1', 'n1']);
    expect(f.timeline).toEqual(['DECISION_REQUESTED']);
  });

  it('a send that fails marks nothing, so the step\'s retry sends it (at least once)', async () => {
    const f = fakes({});
    const failing = { clock: { now: () => new Date() }, markSent: markSentRetrier({ timeouts: TIMEOUTS }), reports: { transition: async () => { throw new Error('not reached'); } } } as never;
    await expect(mailOnce(failing, report, record, 'requestMailedAt', async () => { throw new Error('SES timed out'); }, entry)).rejects.toThrow('SES timed out');
    expect(await f.attempt(record)).toBe(true);
    expect(f.sent).toEqual(['n1']);
    expect(f.timeline).toEqual(['DECISION_REQUESTED']);
  });
});
