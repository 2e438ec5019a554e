import { describe, expect, it } from 'vitest';
import type { Attempt } from '../domain/attempt-types.ts';
import { TestClock } from '../testing/clock.ts';
import { createAttemptDriver, type AttemptTry } from './attempt-driver.ts';

/** A try the test finishes by hand, so it can look while the flight is in the air. */
interface OpenTry {
  id: string;
  answer: (value: string) => void;
  finish: (outcome: AttemptTry<string>) => void;
  fail: (error: Error) => void;
}

function setUp(ids: string[] = []) {
  const clock = new TestClock();
  const tries: OpenTry[] = [];
  const driver = createAttemptDriver<string>({
    clock,
    delays: [1_000, 5_000],
    sweepMs: 60_000,
    candidates: async () => ids.map((id) => ({ id }) as Attempt),
    tryOnce: (id, answer) =>
      new Promise<AttemptTry<string>>((resolve, reject) => {
        tries.push({ id, answer, finish: resolve, fail: reject });
      }),
    whenThrown: (error) => `thrown: ${error instanceof Error ? error.message : String(error)}`,
  });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { clock, tries, driver, flush };
}

describe('the attempt driver', () => {
  it('keeps one flight per attempt: drives, the sweep and a retry in the air all join it', async () => {
    const { clock, tries, driver, flush } = setUp(['a']);
    const first = driver.drive('a');
    const second = driver.drive('a');
    driver.start();
    await flush();
    expect(tries.map((t) => t.id)).toEqual(['a']);
    expect(second).toBe(first);
    const other = driver.drive('b');
    expect(tries.map((t) => t.id)).toEqual(['a', 'b']);

    tries[0]!.finish({ value: 'not yet', retry: true });
    expect(await first).toBe('not yet');
    expect(await second).toBe('not yet');
    expect(driver.scheduled()).toEqual(['a']);
    // The retry's flight: a caller and a sweep join it instead of starting another.
    clock.advance(1_000);
    expect(tries.map((t) => t.id)).toEqual(['a', 'b', 'a']);
    const joined = driver.drive('a');
    clock.advance(60_000);
    await flush();
    expect(tries.map((t) => t.id)).toEqual(['a', 'b', 'a']);
    tries[2]!.finish({ value: 'done', retry: false });
    expect(await joined).toBe('done');
    tries[1]!.finish({ value: 'b done', retry: false });
    expect(await other).toBe('b done');
    // The flight is over when its callers hear the answer: driving again starts a new try.
    void driver.drive('a');
    expect(tries).toHaveLength(4);
    driver.stop();
  });

  it('keeps retrying across errors and "retry" answers, with backoff, until a try goes through', async () => {
    const { clock, tries, driver } = setUp();
    const first = driver.drive('a');
    tries[0]!.fail(new Error('IndexedDB closed'));
    expect(await first).toBe('thrown: IndexedDB closed');
    expect(clock.timeouts()).toEqual([1_000]);
    clock.advance(1_000);
    expect(tries).toHaveLength(2);
    tries[1]!.fail(new Error('gateway down'));
    await driver.idle();
    expect(clock.timeouts()).toEqual([5_000]);
    clock.advance(4_999);
    expect(tries).toHaveLength(2);
    clock.advance(1);
    expect(tries).toHaveLength(3);
    tries[2]!.finish({ value: 'pending', retry: true });
    await driver.idle();
    clock.advance(5_000);
    expect(tries).toHaveLength(4);
    tries[3]!.finish({ value: 'done', retry: false });
    await driver.idle();
    expect(driver.scheduled()).toEqual([]);
    clock.advance(10 * 60_000);
    expect(tries).toHaveLength(4);
  });

  it('answers early when the try says so, and the flight still lasts until the try ends', async () => {
    const { tries, driver, flush } = setUp();
    const first = driver.drive('a');
    tries[0]!.answer('receipt');
    expect(await first).toBe('receipt');
    expect(driver.drive('a')).toBe(first);
    await flush();
    expect(tries).toHaveLength(1);
    tries[0]!.finish({ value: 'confirm failed', retry: true });
    await driver.idle();
    expect(await first).toBe('receipt');
    expect(driver.scheduled()).toEqual(['a']);
    driver.stop();
  });

  it('stop() cancels every retry timer, and a flight that ends after it schedules nothing', async () => {
    const { clock, tries, driver } = setUp();
    void driver.drive('a');
    void driver.drive('b');
    tries[0]!.finish({ value: 'x', retry: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(driver.scheduled()).toEqual(['a']);
    driver.stop();
    expect(driver.stopped).toBe(true);
    expect(driver.scheduled()).toEqual([]);
    tries[1]!.fail(new Error('late'));
    await driver.idle();
    expect(driver.scheduled()).toEqual([]);
    clock.advance(10 * 60_000);
    expect(tries).toHaveLength(2);
    expect(clock.pending.size).toBe(0);
  });
});
