import { describe, expect, it } from 'vitest';
import { TestClock } from '../testing/clock.ts';
import { createRetryTimers } from './retry-timers.ts';

describe('retry timers', () => {
  it('back off along the list (the last delay repeats), start over after a success, and stop for good', () => {
    const clock = new TestClock(0);
    const runs: string[] = [];
    const retries = createRetryTimers({ delays: [1_000, 5_000], clock, run: (id) => runs.push(id) });
    retries.retryLater('a');
    clock.advance(999);
    expect(runs).toEqual([]);
    clock.advance(1);
    expect(runs).toEqual(['a']);
    retries.retryLater('a');
    clock.advance(4_999);
    expect(runs).toEqual(['a']);
    clock.advance(1);
    retries.retryLater('a');
    clock.advance(5_000);
    expect(runs).toEqual(['a', 'a', 'a']);

    retries.succeeded('a');
    retries.retryLater('a');
    expect(retries.isPending('a')).toBe(true);
    clock.advance(1_000);
    expect(runs).toHaveLength(4);

    retries.retryLater('b');
    retries.cancel('b');
    expect(retries.pendingIds()).toEqual([]);
    retries.retryLater('c');
    retries.stop();
    retries.retryLater('c');
    clock.advance(60_000);
    expect(runs).toHaveLength(4);
    expect(clock.pending.size).toBe(0);
    retries.resume();
    retries.retryLater('c');
    clock.advance(1_000);
    expect(runs).toEqual(['a', 'a', 'a', 'a', 'c']);
  });
});
