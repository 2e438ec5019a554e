import { describe, expect, it } from 'vitest';
import { createPinLock } from './pin-lock.ts';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const FIVE_MINUTES = 5 * 60_000;

describe('createPinLock', () => {
  it('allows 5 tries and counts down', () => {
    const clock = fakeClock();
    const lock = createPinLock(clock.now);
    expect(lock.triesLeft()).toBe(5);
    expect(lock.attempt(false)).toEqual({ result: 'wrong', triesLeft: 4 });
    expect(lock.attempt(false)).toEqual({ result: 'wrong', triesLeft: 3 });
    expect(lock.triesLeft()).toBe(3);
    expect(lock.lockedUntil()).toBeNull();
  });

  it('locks for 5 minutes on the fifth wrong PIN', () => {
    const clock = fakeClock();
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 4; i++) lock.attempt(false);
    expect(lock.attempt(false)).toEqual({ result: 'locked', until: 1_000_000 + FIVE_MINUTES });
    expect(lock.lockedUntil()).toBe(1_000_000 + FIVE_MINUTES);
    expect(lock.triesLeft()).toBe(0);
  });

  it('refuses even the right PIN while locked, and does not extend the lock', () => {
    const clock = fakeClock();
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 5; i++) lock.attempt(false);
    clock.advance(FIVE_MINUTES - 1);
    expect(lock.attempt(true)).toEqual({ result: 'locked', until: 1_000_000 + FIVE_MINUTES });
    expect(lock.attempt(false)).toEqual({ result: 'locked', until: 1_000_000 + FIVE_MINUTES });
    expect(lock.lockedUntil()).toBe(1_000_000 + FIVE_MINUTES);
  });

  it('unlocks after 5 minutes with a fresh set of tries', () => {
    const clock = fakeClock();
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 5; i++) lock.attempt(false);
    clock.advance(FIVE_MINUTES);
    expect(lock.lockedUntil()).toBeNull();
    expect(lock.triesLeft()).toBe(5);
    expect(lock.attempt(true)).toEqual({ result: 'open' });
  });

  it('a right PIN resets the count of wrong ones', () => {
    const clock = fakeClock();
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 4; i++) lock.attempt(false);
    expect(lock.attempt(true)).toEqual({ result: 'open' });
    expect(lock.triesLeft()).toBe(5);
    expect(lock.attempt(false)).toEqual({ result: 'wrong', triesLeft: 4 });
  });

  it('wrong tries spread over time still add up (no silent reset without a right PIN)', () => {
    const clock = fakeClock();
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 4; i++) {
      lock.attempt(false);
      clock.advance(60 * 60_000);
    }
    expect(lock.attempt(false).result).toBe('locked');
  });

  it('takes other limits', () => {
    const clock = fakeClock();
    const lock = createPinLock(clock.now, { maxTries: 2, lockMs: 1000 });
    lock.attempt(false);
    expect(lock.attempt(false)).toEqual({ result: 'locked', until: 1_001_000 });
  });
});
