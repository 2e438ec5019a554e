/**
 * Lockout policy for the staff PIN: after 5 wrong PINs in a row, no attempt is accepted for 5 minutes.
 * Pure (the clock is passed in) so it is tested with a fake clock; the staff screen keeps one per page load.
 */

export interface PinLockOptions {
  /** Wrong PINs in a row that lock; default 5. */
  maxTries?: number;
  /** How long the lock lasts, ms; default 5 minutes. */
  lockMs?: number;
}

export type PinAttemptOutcome =
  | { result: 'open' }
  | { result: 'wrong'; triesLeft: number }
  /** Locked now (this attempt was the last wrong one) or already locked (the attempt was not counted). */
  | { result: 'locked'; until: number };

export interface PinLock {
  /** Records the outcome of a PIN check. While locked, nothing is counted and `locked` is returned. */
  attempt(ok: boolean): PinAttemptOutcome;
  /** The time (ms, as `now()` counts) the lock ends, or null when not locked. */
  lockedUntil(): number | null;
  /** Wrong PINs still allowed before the lock; 0 while locked. */
  triesLeft(): number;
}

/** Creates a lock; `now` is the clock in ms (Date.now in the app, a fake in tests). */
export function createPinLock(now: () => number, options: PinLockOptions = {}): PinLock {
  const maxTries = options.maxTries ?? 5;
  const lockMs = options.lockMs ?? 5 * 60_000;
  let wrong = 0;
  let until: number | null = null;

  // An expired lock gives a fresh set of tries.
  function expire(): void {
    if (until !== null && now() >= until) {
      until = null;
      wrong = 0;
    }
  }

  return {
    attempt(ok) {
      expire();
      if (until !== null) return { result: 'locked', until };
      if (ok) {
        wrong = 0;
        return { result: 'open' };
      }
      wrong += 1;
      if (wrong >= maxTries) {
        until = now() + lockMs;
        return { result: 'locked', until };
      }
      return { result: 'wrong', triesLeft: maxTries - wrong };
    },
    lockedUntil() {
      expire();
      return until;
    },
    triesLeft() {
      expire();
      return until === null ? maxTries - wrong : 0;
    },
  };
}
