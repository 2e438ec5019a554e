/**
 * Staff mode's durable records in the kiosk's IndexedDB (beside the journal): the PIN lock's state, which a
 * reload, a second tab or a restart must not reset, and the access log (every staff login and every refund,
 * with its time and whether the badge or the PIN was used).
 */
import { KIOSK_DB_VERSION, upgradeKioskDb } from '../journal/journal.ts';
import { clearedPinLock, type PinLockState, type PinLockStore } from './pin-lock.ts';

export type StaffAuthMethod = 'pin' | 'badge';

export type StaffLogEntry =
  | { at: string; action: 'login'; method: StaffAuthMethod }
  | {
      at: string;
      action: 'refund';
      method: StaffAuthMethod;
      attemptId: string;
      kind: 'cancel' | 'return' | 'uzqrRefund';
      /** Tiyin. */
      amount: number;
    };

export interface StaffLog {
  add(entry: StaffLogEntry): Promise<void>;
  /** Oldest first. */
  list(): Promise<StaffLogEntry[]>;
}

export interface StaffStore {
  lock: PinLockStore;
  log: StaffLog;
}

const LOCK_KEY = 'pin';

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function isLockState(value: unknown): value is PinLockState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['failures'] === 'number' &&
    typeof v['locks'] === 'number' &&
    (v['lockedUntil'] === null || typeof v['lockedUntil'] === 'number')
  );
}

/** Opens the kiosk database (creating the staff stores if missing). */
export async function openStaffStore(
  options: { indexedDB?: IDBFactory; dbName?: string } = {},
): Promise<StaffStore> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new Error('IndexedDB is not available');
  const request = factory.open(options.dbName ?? 'tolov-kiosk', KIOSK_DB_VERSION);
  request.onupgradeneeded = () => upgradeKioskDb(request.result);
  const db = await result(request);

  const lock: PinLockStore = {
    async read() {
      const stored: unknown = await result(db.transaction('staffLock').objectStore('staffLock').get(LOCK_KEY));
      return isLockState(stored) ? stored : { ...clearedPinLock };
    },
    // One readwrite transaction: IndexedDB runs overlapping ones one after the other, also across tabs, so two
    // tabs counting a try at the same moment both count.
    async update(change) {
      const tx = db.transaction('staffLock', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('staffLock');
      const committed = done(tx);
      const stored: unknown = await result(store.get(LOCK_KEY));
      const next = change(isLockState(stored) ? stored : { ...clearedPinLock });
      store.put(next, LOCK_KEY);
      await committed;
      return next;
    },
  };

  const log: StaffLog = {
    async add(entry) {
      const tx = db.transaction('staffLog', 'readwrite', { durability: 'strict' });
      const committed = done(tx);
      tx.objectStore('staffLog').add(entry);
      await committed;
    },
    async list() {
      return (await result(db.transaction('staffLog').objectStore('staffLog').getAll())) as StaffLogEntry[];
    },
  };

  return { lock, log };
}

/** An in-memory store for tests and for components rendered without IndexedDB. */
export function memoryStaffLog(): StaffLog & { entries: StaffLogEntry[] } {
  const entries: StaffLogEntry[] = [];
  return {
    entries,
    add: (entry) => {
      entries.push(structuredClone(entry));
      return Promise.resolve();
    },
    list: () => Promise.resolve(structuredClone(entries)),
  };
}
