/**
 * The page's staff stores: the PIN lock and the access log, both in the kiosk's IndexedDB, so closing and
 * reopening staff mode, a reload, a second tab or a restart all see the same count of wrong PINs.
 */
import { createPinLock, type PinLock, type PinLockStore } from './pin-lock.ts';
import { openStaffStore, type StaffLog, type StaffStore } from './staff-store.ts';

let opening: Promise<StaffStore> | null = null;
function store(): Promise<StaffStore> {
  opening ??= openStaffStore().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

// A store that cannot be opened rejects, and the PIN gate then refuses to check anything (it fails closed).
const lockStore: PinLockStore = {
  read: async () => (await store()).lock.read(),
  update: async (change) => (await store()).lock.update(change),
};

export const sessionPinLock: PinLock = createPinLock(() => Date.now(), lockStore);

export const sessionStaffLog: StaffLog = {
  add: async (entry) => (await store()).log.add(entry),
  list: async () => (await store()).log.list(),
};
