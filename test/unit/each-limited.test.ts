// eachLimited: every item once, never more than the limit at once, and a failure reported after the rest ended.
import { describe, expect, it } from 'vitest';
import { eachLimited } from '../../functions/support/each-limited.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('eachLimited', () => {
  it('calls every item once, at most `limit` at a time, and starts them in order', async () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await eachLimited(items, 4, async (item) => {
      started.push(item);
      most = Math.max(most, ++running);
      for (let i = 0; i < (item % 3) + 1; i++) await tick();
      running--;
    });
    expect(started).toEqual(items);
    expect(most).toBe(4);
  });

  it('an empty list and a limit above the list are fine', async () => {
    const seen: string[] = [];
    await eachLimited([], 8, async () => { seen.push('never'); });
    await eachLimited(['a', 'b'], 8, async (item) => { seen.push(item); });
    expect(seen).toEqual(['a', 'b']);
  });

  it('a call that throws rejects the whole once the others have ended', async () => {
    const ended: number[] = [];
    const run = eachLimited([1, 2, 3, 4], 2, async (item) => {
      await tick();
      if (item === 2) throw new Error('two');
      await tick();
      ended.push(item);
    });
    await expect(run).rejects.toThrow('two');
    expect(ended).toContain(1);
  });
});
