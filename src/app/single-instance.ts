/**
 * One kiosk, one running instance (DESIGN.md §1 rule 9). The page that holds the Web Lock `tolov-kiosk` runs
 * recovery, the outbox, the Scan2pay watcher and payments; it holds the lock for its whole life (the lock goes
 * when the page closes, reloads or crashes). Another tab or window of the same kiosk asks without waiting, is
 * told no, and shows "already open" until someone asks it to take over (it then waits for the lock).
 */

export const kioskLockName = 'tolov-kiosk';

/** The part of `navigator.locks` used here (tests pass a fake). */
export interface Locks {
  request(name: string, options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown>;
}

function browserLocks(): Locks | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/**
 * Takes the kiosk's lock and keeps it for the page's life. `wait: false` answers at once (false: another page
 * holds it); `wait: true` resolves once the other page is gone. Without the Web Locks API (an old browser or a
 * page not served over http(s)/localhost) there is no way to tell: true.
 */
export async function holdKioskLock(
  options: { wait: boolean; graceMs?: number },
  locks: Locks | null = browserLocks(),
): Promise<boolean> {
  if (!locks) return true;
  if (options.wait) return requestLock(locks, true);
  // A reload's new page can start before the browser has released the old page's lock: ask again for a moment
  // before deciding that another window really holds it.
  const until = Date.now() + (options.graceMs ?? 2_000);
  for (;;) {
    if (await requestLock(locks, false)) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Whether some page holds the kiosk's lock right now, without asking for it: the first screen shows the attract
 * screen only when no other window runs the kiosk (boot then decides for real). Unknown (no Web Locks): false.
 */
export async function kioskLockHeld(
  locks: { query?: () => Promise<LockManagerSnapshot> } | null = typeof navigator !== 'undefined' ? (navigator.locks ?? null) : null,
): Promise<boolean> {
  if (!locks?.query) return false;
  try {
    const { held = [] } = await locks.query();
    return held.some((lock) => lock.name === kioskLockName);
  } catch {
    return false;
  }
}

function requestLock(locks: Locks, wait: boolean): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    locks
      .request(kioskLockName, { mode: 'exclusive', ifAvailable: !wait }, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        resolve(true);
        // Never settles: the lock is released only when the page goes away.
        return new Promise<void>(() => undefined);
      })
      .catch(reject);
  });
}

/** Asks the browser to keep the journal's storage out of eviction; the answer shows in staff Health. */
export function askPersistentStorage(): void {
  try {
    void navigator.storage?.persist?.().catch(() => false);
  } catch {
    // Not offered here: staff Health says so.
  }
}
