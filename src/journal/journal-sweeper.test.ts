import { describe, expect, it } from 'vitest';
import type { Attempt } from '../domain/attempt-types.ts';
import { TestClock } from '../testing/clock.ts';
import { createJournalSweeper } from './journal-sweeper.ts';
import { createRetryTimers } from './retry-timers.ts';

const attempt = (id: string) => ({ id }) as Attempt;

function setUp(ids: string[], wanted: (id: string) => boolean = () => true) {
  const clock = new TestClock();
  const driven: string[] = [];
  const retries = createRetryTimers({ delays: [5_000], clock, run: () => undefined });
  let reads = 0;
  const sweeper = createJournalSweeper({
    clock,
    sweepMs: 60_000,
    retries,
    candidates: async () => {
      reads += 1;
      return ids.map(attempt);
    },
    needsWork: (a) => wanted(a.id),
    drive: (id) => driven.push(id),
  });
  return { clock, driven, retries, sweeper, reads: () => reads };
}

describe('the journal sweeper', () => {
  it('sweeps at start and on its interval, driving the attempts that need work and have no retry pending', async () => {
    const { clock, driven, retries, sweeper } = setUp(['a', 'b', 'c'], (id) => id !== 'b');
    retries.retryLater('c');
    sweeper.start();
    await sweeper.idle();
    expect(driven).toEqual(['a']);
    retries.cancel('c');
    clock.advance(60_000);
    await sweeper.idle();
    expect(driven).toEqual(['a', 'a', 'c']);
  });

  it('runs nothing after stop: no interval, no retry, no drive from a sweep in progress', async () => {
    const { clock, driven, retries, sweeper, reads } = setUp(['a']);
    sweeper.start();
    sweeper.stop();
    await sweeper.idle();
    expect(driven).toEqual([]);
    expect(sweeper.stopped).toBe(true);
    retries.retryLater('a');
    expect(retries.isPending('a')).toBe(false);
    clock.advance(10 * 60_000);
    await sweeper.idle();
    expect(reads()).toBe(1);
    sweeper.start();
    await sweeper.idle();
    expect(driven).toEqual(['a']);
  });

  it('waits in idle() for every tracked job, and a failed journal read only skips that sweep', async () => {
    const clock = new TestClock();
    const retries = createRetryTimers({ delays: [5_000], clock, run: () => undefined });
    let release = () => {};
    const sweeper = createJournalSweeper({
      clock,
      sweepMs: 1_000,
      retries,
      candidates: () => Promise.reject(new Error('IndexedDB closed')),
      drive: () => undefined,
    });
    let done = false;
    sweeper.track(new Promise<void>((resolve) => (release = resolve)).then(() => (done = true)));
    sweeper.start();
    let idled = false;
    const idle = sweeper.idle().then(() => (idled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(idled).toBe(false);
    release();
    await idle;
    expect(done).toBe(true);
  });
});
