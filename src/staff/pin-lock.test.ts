import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../journal/journal.ts';
import { clearedPinLock, countTry, createPinLock, lockDuration, pinLockStatus, type PinLock } from './pin-lock.ts';
import { openStaffStore } from './staff-store.ts';
import { TestClock } from '../testing/clock.ts';

const MINUTE = 60_000;

/** One wrong PIN, as the gate does it: count the try first, then (the PIN being wrong) read the status. */
async function wrong(lock: PinLock) {
  const begun = await lock.begin();
  if (!begun.allowed) return { refused: true as const, until: begun.until };
  return lock.status();
}

describe('the escalating PIN lockout, on a simulated clock', () => {
  it('gives 5 tries, counting down, then locks for 5 minutes', async () => {
    const clock = new TestClock(1_000_000);
    const lock = createPinLock(clock.now);
    expect(await lock.status()).toEqual({ locked: false, triesLeft: 5 });
    expect(await wrong(lock)).toEqual({ locked: false, triesLeft: 4 });
    expect(await wrong(lock)).toEqual({ locked: false, triesLeft: 3 });
    await wrong(lock);
    await wrong(lock);
    expect(await wrong(lock)).toEqual({ locked: true, until: 1_000_000 + 5 * MINUTE });
  });

  it('refuses tries while locked without counting them, and opens again when the lock ends', async () => {
    const clock = new TestClock(1_000_000);
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 5; i++) await wrong(lock);
    clock.advance(5 * MINUTE - 1000);
    expect(await lock.begin()).toEqual({ allowed: false, until: 1_000_000 + 5 * MINUTE });
    clock.advance(1000);
    expect(await lock.status()).toEqual({ locked: false, triesLeft: 1 });
  });

  it('after the first lock, each wrong PIN locks again at once for twice as long, up to an hour', async () => {
    const clock = new TestClock(1_000_000);
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 5; i++) await wrong(lock);
    const lengths: number[] = [];
    for (let i = 0; i < 6; i++) {
      const status = await lock.status();
      if (!status.locked) throw new Error('expected a lock');
      lengths.push(status.until - clock.now());
      clock.advance(status.until - clock.now());
      await wrong(lock);
    }
    expect(lengths.map((ms) => ms / MINUTE)).toEqual([5, 10, 20, 40, 60, 60]);
  });

  it('a right PIN (or a badge) clears every count and lock', async () => {
    const clock = new TestClock(1_000_000);
    const lock = createPinLock(clock.now);
    for (let i = 0; i < 7; i++) {
      await wrong(lock);
      clock.advance(2 * 60 * MINUTE);
    }
    expect(await lock.begin()).toEqual({ allowed: true });
    await lock.succeeded();
    expect(await lock.status()).toEqual({ locked: false, triesLeft: 5 });
  });

  it('counts a try before it is checked: a check that never finishes (a reload mid-check) still counted', () => {
    let state = clearedPinLock;
    for (let i = 0; i < 4; i++) state = countTry(state, 0).state;
    expect(pinLockStatus(state, 0)).toEqual({ locked: false, triesLeft: 1 });
    const fifth = countTry(state, 0);
    expect(fifth.allowed).toBe(true);
    expect(pinLockStatus(fifth.state, 0)).toEqual({ locked: true, until: 5 * MINUTE });
  });

  it('lock lengths double and stop at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => lockDuration(n) / MINUTE)).toEqual([5, 10, 20, 40, 60, 60, 60]);
  });

  it('persists in IndexedDB: a new lock over the same database (a reload, another tab) is still locked', async () => {
    const indexedDB = new IDBFactory();
    const journal = await openJournal({ indexedDB });
    const clock = new TestClock(1_000_000);
    const first = createPinLock(clock.now, (await openStaffStore({ indexedDB })).lock);
    for (let i = 0; i < 5; i++) await wrong(first);

    const reopened = createPinLock(clock.now, (await openStaffStore({ indexedDB })).lock);
    expect(await reopened.status()).toEqual({ locked: true, until: 1_000_000 + 5 * MINUTE });
    expect(await reopened.begin()).toMatchObject({ allowed: false });
    journal.close();
  });

  it('two tabs counting at once both count (one transaction each)', async () => {
    const indexedDB = new IDBFactory();
    const clock = new TestClock(1_000_000);
    const a = createPinLock(clock.now, (await openStaffStore({ indexedDB })).lock);
    const b = createPinLock(clock.now, (await openStaffStore({ indexedDB })).lock);
    await Promise.all([a.begin(), b.begin(), a.begin(), b.begin()]);
    expect(await a.status()).toEqual({ locked: false, triesLeft: 1 });
  });

  it('the staff access log keeps logins and refunds with their method', async () => {
    const indexedDB = new IDBFactory();
    const store = await openStaffStore({ indexedDB });
    await store.log.add({ at: '2026-01-01T10:00:00.000Z', action: 'login', method: 'pin' });
    await store.log.add({ at: '2026-01-01T10:01:00.000Z', action: 'refund', method: 'badge', attemptId: 'a1', kind: 'cancel', amount: 2_800_000 });
    const again = await openStaffStore({ indexedDB });
    expect((await again.log.list()).map((e) => `${e.action} ${e.method}`)).toEqual(['login pin', 'refund badge']);
  });
});
