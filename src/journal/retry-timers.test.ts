import { describe, expect, it } from 'vitest';
import { createRetryTimers } from './retry-timers.ts';

/** A clock whose timers run when the test says so. */
function manualClock() {
  let next = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  let now = 0;
  return {
    clock: {
      setTimeout: (run: () => void, ms: number) => (due.set(next, { at: now + ms, run }), next++),
      clearTimeout: (h: unknown) => void due.delete(h as number),
      setInterval: () => 0,
      clearInterval: () => undefined,
    },
    advance(ms: number) {
      now += ms;
      for (const [h, t] of [...due]) if (t.at <= now) (due.delete(h), t.run());
    },
    pending: () => due.size,
  };
}

describe('retry timers', () => {
  it('back off along the list (the last delay repeats), start over after a success, and stop for good', () => {
    const m = manualClock();
    const runs: string[] = [];
    const retries = createRetryTimers({ delays: [1_000, 5_000], clock: m.clock, run: (id) => runs.push(id) });
    retries.retryLater('a');
    m.advance(999);
    expect(runs).toEqual([]);
    m.advance(1);
    expect(runs).toEqual(['a']);
    retries.retryLater('a');
    m.advance(4_999);
    expect(runs).toEqual(['a']);
    m.advance(1);
    retries.retryLater('a');
    m.advance(5_000);
    expect(runs).toEqual(['a', 'a', 'a']);

    retries.succeeded('a');
    retries.retryLater('a');
    expect(retries.isPending('a')).toBe(true);
    m.advance(1_000);
    expect(runs).toHaveLength(4);

    retries.retryLater('b');
    retries.cancel('b');
    expect(retries.pendingIds()).toEqual([]);
    retries.retryLater('c');
    retries.stop();
    retries.retryLater('c');
    m.advance(60_000);
    expect(runs).toHaveLength(4);
    expect(m.pending()).toBe(0);
    retries.resume();
    retries.retryLater('c');
    m.advance(1_000);
    expect(runs).toEqual(['a', 'a', 'a', 'a', 'c']);
  });
});
