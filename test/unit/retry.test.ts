// The one retry helper and the error classification it leans on.
import { describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { fullJitter, retry } from '../../functions/support/retry.ts';
import { isContention, isUnavailable } from '../../functions/support/faults.ts';
import { UnavailableError } from '../../functions/domain/errors.ts';
import { retryAfterMs } from '../../infra/admin/import-api.ts';

/** A fake clock: sleeping moves it on, so budgets are checked without waiting. */
function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return { waits, now: () => now, sleep: async (ms: number) => { waits.push(ms); now += ms; } };
}
const busy = () => Object.assign(new Error('throttled'), { name: 'ThrottlingException' });

describe('retry', () => {
  it('tries again while the failure is retryable, then gives the result', async () => {
    const time = fakeTime();
    let calls = 0;
    const result = await retry(async () => (++calls < 3 ? Promise.reject(busy()) : 'done'), {
      attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 10_000, retryable: () => true, ...time, random: () => 1,
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(time.waits).toEqual([100, 200]); // full jitter's ceiling doubles
  });

  it('stops at its attempts and throws the last error as it was', async () => {
    const time = fakeTime();
    let calls = 0;
    const error = busy();
    await expect(retry(async () => { calls++; throw error; }, { attempts: 4, baseDelayMs: 10, maxDelayMs: 100, budgetMs: 10_000, retryable: () => true, ...time })).rejects.toBe(error);
    expect(calls).toBe(4);
  });

  it('starts no attempt past its time budget', async () => {
    const time = fakeTime();
    let calls = 0;
    await expect(retry(async () => { calls++; throw busy(); }, {
      attempts: 100, baseDelayMs: 400, maxDelayMs: 400, budgetMs: 1_000, retryable: () => true, ...time, random: () => 1,
    })).rejects.toThrow('throttled');
    expect(calls).toBe(3); // waits of 400 and 400; a third wait would end at 1,200 ms
    expect(time.now()).toBeLessThanOrEqual(1_000);
  });

  it('does not retry what retryable refuses', async () => {
    let calls = 0;
    await expect(retry(async () => { calls++; throw new Error('bad input'); }, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1_000, retryable: () => false })).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });

  it('honours a wait the answer asked for, never shorter', async () => {
    const time = fakeTime();
    let calls = 0;
    await retry(async () => { if (++calls === 1) throw busy(); return 'ok'; }, {
      attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 60_000, retryable: () => 5_000, ...time, random: () => 0.5,
    });
    expect(time.waits[0]).toBeGreaterThanOrEqual(5_000);
  });

  it('full jitter stays within [0, min(max, base·2^(n-1))]', () => {
    for (let attempt = 1; attempt < 12; attempt++) {
      for (const r of [0, 0.3, 0.999]) {
        const wait = fullJitter(attempt, 10, 500, () => r);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(Math.min(500, 10 * 2 ** (attempt - 1)));
      }
    }
  });
});

describe('fault classification', () => {
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

  it('a transaction cancelled by a conflict or a throttle is contention; one with a failed condition is an answer', () => {
    expect(isContention(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isContention(cancelled('ThrottlingError'))).toBe(true);
    expect(isContention(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isContention(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(isUnavailable(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(isUnavailable(cancelled('TransactionConflict'))).toBe(true);
  });

  it('timeouts, refused connections, 5xx and throttles are unavailability; validation errors are not', () => {
    expect(isUnavailable(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('c'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('s'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } }))).toBe(true);
    expect(isUnavailable(busy())).toBe(true);
    expect(isUnavailable(new UnavailableError('mailer down'))).toBe(true);
    expect(isUnavailable(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('v'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isUnavailable(new TypeError('a bug'))).toBe(false);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, ignores nonsense, and caps what it honours', () => {
    expect(retryAfterMs('5')).toBe(5_000);
    expect(retryAfterMs(null)).toBe(0);
    expect(retryAfterMs('soon')).toBe(0);
    expect(retryAfterMs(new Date(1_000_000 + 3_000).toUTCString(), 1_000_000)).toBe(3_000);
    expect(retryAfterMs('86400')).toBe(30_000);
  });
});
