import { describe, expect, it } from 'vitest';
import { holdKioskLock, kioskLockHeld, kioskLockName } from './single-instance.ts';

/** A LockManager with one exclusive lock per name, as the browser's; `release` plays the holding page going away. */
function fakeLocks() {
  const held = new Set<string>();
  const waiting: (() => void)[] = [];
  return {
    held,
    release(name: string) {
      held.delete(name);
      waiting.shift()?.();
    },
    request(name: string, options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown> {
      const grant = () => {
        held.add(name);
        return Promise.resolve(callback({ name, mode: 'exclusive' } as Lock));
      };
      if (!held.has(name)) return grant();
      if (options.ifAvailable) return Promise.resolve(callback(null));
      return new Promise((resolve) => waiting.push(() => resolve(grant())));
    },
  };
}

describe('holdKioskLock', () => {
  it('gives the lock to the first page and refuses a second one', async () => {
    const locks = fakeLocks();
    expect(await holdKioskLock({ wait: false }, locks)).toBe(true);
    expect(locks.held.has(kioskLockName)).toBe(true);
    expect(await holdKioskLock({ wait: false, graceMs: 0 }, locks)).toBe(false);
  });

  it('lets a second page take over once the first is gone, and not before', async () => {
    const locks = fakeLocks();
    await holdKioskLock({ wait: false }, locks);
    let taken = false;
    const takeOver = holdKioskLock({ wait: true }, locks).then((v) => (taken = v));
    await new Promise((r) => setTimeout(r, 20));
    expect(taken).toBe(false);
    locks.release(kioskLockName);
    await takeOver;
    expect(taken).toBe(true);
  });

  it('waits a moment for a reloading page to let go before saying another window has it', async () => {
    const locks = fakeLocks();
    await holdKioskLock({ wait: false }, locks);
    setTimeout(() => locks.held.delete(kioskLockName), 300);
    expect(await holdKioskLock({ wait: false, graceMs: 2_000 }, locks)).toBe(true);
  });

  it('runs where the Web Locks API is missing (nothing to ask)', async () => {
    expect(await holdKioskLock({ wait: false }, null)).toBe(true);
  });
});

describe('kioskLockHeld', () => {
  const snapshot = (names: string[]) => async () => ({ held: names.map((name) => ({ name, mode: 'exclusive' as const })), pending: [] });

  it('is true only while some page holds the kiosk lock', async () => {
    expect(await kioskLockHeld({ query: snapshot([kioskLockName]) })).toBe(true);
    expect(await kioskLockHeld({ query: snapshot(['another-lock']) })).toBe(false);
    expect(await kioskLockHeld({ query: snapshot([]) })).toBe(false);
  });

  it('is false when the browser cannot tell (no Web Locks, or a failing query): boot decides', async () => {
    expect(await kioskLockHeld(null)).toBe(false);
    expect(await kioskLockHeld({})).toBe(false);
    expect(await kioskLockHeld({ query: () => Promise.reject(new Error('denied')) })).toBe(false);
  });
});
