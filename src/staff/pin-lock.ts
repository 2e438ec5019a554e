/**
 * Lockout policy for the staff PIN, kept in a store that outlives the page (IndexedDB in the app): a reload, a
 * new tab or a restart gives no fresh tries. 5 wrong PINs in a row lock it for 5 minutes; after that each further
 * wrong PIN locks it again at once, each lock twice as long as the one before, up to an hour. A right PIN (or a
 * staff badge) clears it.
 *
 * A try is counted as wrong *before* the PIN is checked (and cleared after a right one), so two tabs guessing at
 * once, or a reload in the middle of the check, cannot get around the count.
 * The policy functions are pure (the clock is passed in) and tested on a simulated clock.
 */

export interface PinLockState {
  /** Wrong (or unfinished) tries since the last right PIN. */
  failures: number;
  /** How many locks since the last right PIN: the next lock lasts `lockMs(locks + 1)`. */
  locks: number;
  /** Epoch ms the current lock ends, or null. */
  lockedUntil: number | null;
}

export interface PinLockPolicy {
  /** Wrong PINs in a row before the first lock; default 5. */
  freeTries: number;
  /** The first lock, ms; default 5 minutes. Each later lock doubles it. */
  firstLockMs: number;
  /** The longest lock, ms; default 1 hour. */
  maxLockMs: number;
}

export const defaultPinLockPolicy: PinLockPolicy = { freeTries: 5, firstLockMs: 5 * 60_000, maxLockMs: 60 * 60_000 };

export const clearedPinLock: PinLockState = { failures: 0, locks: 0, lockedUntil: null };

export type PinLockStatus = { locked: true; until: number } | { locked: false; triesLeft: number };

/** How long the `n`-th lock lasts (n ≥ 1). */
export function lockDuration(n: number, policy: PinLockPolicy = defaultPinLockPolicy): number {
  return Math.min(policy.firstLockMs * 2 ** Math.max(0, n - 1), policy.maxLockMs);
}

/** Whether a PIN may be tried now, and how many wrong ones are left before the next lock. */
export function pinLockStatus(state: PinLockState, now: number, policy: PinLockPolicy = defaultPinLockPolicy): PinLockStatus {
  if (state.lockedUntil !== null && now < state.lockedUntil) return { locked: true, until: state.lockedUntil };
  // After the first lock there is one try between locks.
  return { locked: false, triesLeft: state.locks > 0 ? 1 : Math.max(1, policy.freeTries - state.failures) };
}

/**
 * Counts a try before it is checked. Refused (state unchanged) while locked; otherwise the try counts as wrong,
 * and if it is the last one allowed the lock starts now (a right PIN then clears it).
 */
export function countTry(
  state: PinLockState,
  now: number,
  policy: PinLockPolicy = defaultPinLockPolicy,
): { allowed: boolean; state: PinLockState } {
  if (pinLockStatus(state, now, policy).locked) return { allowed: false, state };
  const failures = state.failures + 1;
  if (state.locks > 0 || failures >= policy.freeTries) {
    const locks = state.locks + 1;
    return { allowed: true, state: { failures, locks, lockedUntil: now + lockDuration(locks, policy) } };
  }
  return { allowed: true, state: { failures, locks: state.locks, lockedUntil: null } };
}

/** Where the state lives. `update` must be atomic across tabs (one IndexedDB readwrite transaction). */
export interface PinLockStore {
  read(): Promise<PinLockState>;
  update(change: (state: PinLockState) => PinLockState): Promise<PinLockState>;
}

/** A store in memory: for tests and components rendered without IndexedDB. */
export function memoryPinLockStore(initial: PinLockState = clearedPinLock): PinLockStore {
  let state = { ...initial };
  return {
    read: () => Promise.resolve({ ...state }),
    update: (change) => {
      state = { ...change({ ...state }) };
      return Promise.resolve({ ...state });
    },
  };
}

export interface PinLock {
  status(): Promise<PinLockStatus>;
  /** Counts a try before the PIN is checked; `allowed: false` while locked (then nothing is counted). */
  begin(): Promise<{ allowed: true } | { allowed: false; until: number }>;
  /** A right PIN or a staff badge: every count and lock is cleared. */
  succeeded(): Promise<void>;
}

/** A lock over `store`; `now` is the clock in ms (Date.now in the app, a simulated one in tests). */
export function createPinLock(
  now: () => number,
  store: PinLockStore = memoryPinLockStore(),
  policy: PinLockPolicy = defaultPinLockPolicy,
): PinLock {
  return {
    async status() {
      return pinLockStatus(await store.read(), now(), policy);
    },
    async begin() {
      let allowed = false;
      const state = await store.update((current) => {
        const counted = countTry(current, now(), policy);
        allowed = counted.allowed;
        return counted.state;
      });
      return allowed ? { allowed: true } : { allowed: false, until: state.lockedUntil ?? now() };
    },
    async succeeded() {
      await store.update(() => clearedPinLock);
    },
  };
}
