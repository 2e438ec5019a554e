/**
 * The page's staff session: the PIN lock and the access log (both in the kiosk's IndexedDB, so closing and
 * reopening staff mode, a reload, a second tab or a restart all see the same count of wrong PINs), and the
 * refunds staff make (which payment has a refund on the wire, and the records the journal would not take).
 * The kiosk page holds one session for its life; tests make their own.
 */
import { createPinLock, type PinLock, type PinLockStore } from './pin-lock.ts';
import { createRefundSession, type RefundSession } from './refunds.ts';
import { openStaffStore, type StaffLog, type StaffStore } from './staff-store.ts';

export interface StaffSession {
  pinLock: PinLock;
  log: StaffLog;
  refunds: RefundSession;
}

/** A staff session over these stores, with its own refunds: two sessions never share a refund in flight. */
export function createStaffSession(stores: { pinLock: PinLock; log: StaffLog }): StaffSession {
  return { pinLock: stores.pinLock, log: stores.log, refunds: createRefundSession() };
}

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

/** The kiosk page's one staff session (staff mode's default). */
export const pageStaffSession: StaffSession = createStaffSession({ pinLock: sessionPinLock, log: sessionStaffLog });
