/**
 * The durable payment journal (DESIGN.md §1 rule 3): every attempt is written to IndexedDB before its charge
 * request goes out, and every later step is a checked status change on that record.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { isWallet } from '../domain/payment-methods.ts';
import type {
  Attempt,
  AttemptEvent,
  AttemptHistoryEntry,
  AttemptReceipt,
  AttemptRefund,
  AttemptServiceMode,
  AttemptStatus,
  PaidWith,
  RefundReceiptState,
  UzqrRefundRecord,
} from '../domain/attempt-types.ts';
import type { GatewayError, PaymentMethod, ReceiptLine } from '../gateway/types.ts';
import type { Tiyin } from '../money/money.ts';
import { JournalError, nextStatusAt } from './attempt-status.ts';
import { localDay } from './time.ts';

export { JournalError } from './attempt-status.ts';
// The stored record's types live in the domain layer; re-exported for the journal's many readers.
export type {
  Attempt,
  AttemptErrorNote,
  AttemptEvent,
  AttemptHistoryEntry,
  AttemptReceipt,
  AttemptRefund,
  AttemptStatus,
  ConfirmState,
  PaidWith,
  RefundReceiptState,
  UzqrRefundRecord,
} from '../domain/attempt-types.ts';

/** What the checkout knows right before a charge request. */
export interface AttemptDraft {
  id: string;
  method: PaymentMethod;
  amount: Tiyin;
  total: Tiyin;
  lines: ReceiptLine[];
  detail: string | null;
  orderNumber: string;
  serviceMode?: AttemptServiceMode;
}

/** Every event may add a remark to the attempt's history. */
interface Remark {
  note?: string;
}

/** The gateway error behind a failed step: kept in the history (and as `receiptError` for receipt steps). */
interface WithError extends Remark {
  error?: GatewayError;
}

/** A refund as `staff.refunded` records it: everything about it, and nothing else of the attempt. */
export interface NewRefund extends AttemptRefund {
  /** Tiyin: the whole payment (the journal refuses any other amount). */
  amount: Tiyin;
  /** Where the refund's fiscal receipt starts (refund-receipts.ts `newRefundReceipt`). */
  receipt: RefundReceiptState;
}

/**
 * What each event may set alongside its status change; the journal reads nothing else from a patch. A field
 * an event needs (the payment of `charge.paid`, the receipt of `receipt.registered`…) is also checked when the
 * write happens, because kept outcomes come back from storage untyped.
 */
export interface AttemptPatches {
  'charge.paid': Remark & { payment: PaidWith };
  'charge.declined': WithError;
  'charge.cancelled': Remark;
  'charge.expired': Remark;
  'charge.unknown': WithError;
  /** With `charge.unsettled`: the ISO time until which the attempt is watched. */
  'charge.unsettled': Remark & { settleBy: string };
  'receipt.sending': Remark;
  'receipt.failed': WithError;
  'receipt.registered': Remark & { receipt: AttemptReceipt };
  'confirm.failed': WithError;
  'confirm.done': Remark;
  'confirm.skipped': Remark;
  'staff.foundPaid': Remark & { payment: PaidWith };
  /** The reason staff gave; without one, the remark is the reason. */
  'staff.resolved': Remark & { resolution?: { reason: string } };
  /** Once per attempt: a second refund of one payment is refused. */
  'staff.refunded': Remark & { refund: NewRefund };
  /** Only the refund's receipt state changes; the refund itself stays as recorded. */
  'refund.receipt': WithError & { receipt: RefundReceiptState };
  /** One UzQR refund, new or as it now stands (by its `id`); its amount never changes once recorded. */
  'uzqr.refund': WithError & { uzqrRefund: UzqrRefundRecord };
  note: { note: string };
}

/** The patch `event` may carry; without an event, any event's (a kept outcome, a test's generic helper). */
export type AttemptPatch<E extends AttemptEvent = AttemptEvent> = AttemptPatches[E];

/** One fiscal shift action (open, Z-report, X-report, refund receipt…), kept for staff and audits (issue 13). */
export interface FiscalLogEntry {
  /** Assigned by the store, rising. */
  seq?: number;
  at: string;
  action: string;
  outcome: 'ok' | 'failed' | 'skipped';
  /** The gateway's code or the error kind when it failed. */
  code?: string;
  note?: string;
}

export interface Journal {
  /** Writes a new `recorded` attempt; resolves only once the write is committed. Rejects if the id exists. */
  record(draft: AttemptDraft): Promise<Attempt>;
  /**
   * Applies one event (refused with a JournalError when illegal) and the fields its patch may set, atomically.
   * A patch field the event needs but lacks is refused the same way.
   */
  update<E extends AttemptEvent>(id: string, event: E, patch?: AttemptPatch<E>): Promise<Attempt>;
  get(id: string): Promise<Attempt | undefined>;
  /** Oldest first. */
  list(filter?: { day?: string; status?: AttemptStatus }): Promise<Attempt[]>;
  /** Paid attempts still without a receipt and receipted ones whose confirm (or completion) is outstanding. */
  needingWork(): Promise<Attempt[]>;
  /** The next pickup number for `day`, "1".."999", wrapping after 999. */
  nextOrderNumber(day: string): Promise<string>;
  exportDay(day: string): Promise<{ json: string; csv: string }>;
  /** Appends a fiscal shift action (fiscal-shift.ts); resolves once committed. */
  logFiscal(entry: FiscalLogEntry): Promise<void>;
  /** The newest fiscal log entries, newest first. */
  fiscalLog(limit?: number): Promise<FiscalLogEntry[]>;
  close(): void;
}

export interface JournalOptions {
  dbName?: string;
  /** Defaults to the global `indexedDB`; tests pass a fresh fake-indexeddb factory. */
  indexedDB?: IDBFactory;
  now?: () => Date;
}

interface JournalSchema extends DBSchema {
  attempts: {
    key: string;
    value: Attempt;
    indexes: { 'by-status': AttemptStatus; 'by-day': string };
  };
  meta: { key: string; value: number };
  fiscalLog: { key: number; value: FiscalLogEntry };
}

/** Commit to disk before resolving: a power cut right after must not lose the record (rule 3). */
const durable: IDBTransactionOptions = { durability: 'strict' };

/** The short code of a gateway error, for the history and the CSV export. */
export function gatewayErrorCode(error: GatewayError): string | null {
  switch (error.kind) {
    case 'rejected':
      return error.code;
    case 'unknown':
      return error.reason;
    case 'http':
      return String(error.status);
    case 'invalid':
    case 'refused':
      return null;
    default: {
      const never: never = error;
      return String(never);
    }
  }
}

/** The kiosk's IndexedDB version; every module opening `tolov-kiosk` opens this one with `upgradeKioskDb`. */
export const KIOSK_DB_VERSION = 2;

/** Creates what is missing: the journal's stores, the fiscal shift log, staff mode's PIN lock and access log, sold-out marks and kitchen tickets. */
export function upgradeKioskDb(raw: IDBDatabase): void {
  if (!raw.objectStoreNames.contains('attempts')) {
    const attempts = raw.createObjectStore('attempts', { keyPath: 'id' });
    attempts.createIndex('by-status', 'status');
    attempts.createIndex('by-day', 'day');
  }
  if (!raw.objectStoreNames.contains('meta')) raw.createObjectStore('meta');
  if (!raw.objectStoreNames.contains('fiscalLog')) raw.createObjectStore('fiscalLog', { keyPath: 'seq', autoIncrement: true });
  // lock-down: the staff PIN's failed tries (kept across reloads, tabs and restarts) and the staff access log.
  if (!raw.objectStoreNames.contains('staffLock')) raw.createObjectStore('staffLock');
  if (!raw.objectStoreNames.contains('staffLog')) raw.createObjectStore('staffLog', { autoIncrement: true });
  // Cafe ordering: staff's sold-out marks, and one kitchen ticket per paid order.
  if (!raw.objectStoreNames.contains('soldOut')) raw.createObjectStore('soldOut', { keyPath: 'key' });
  if (!raw.objectStoreNames.contains('kitchenTickets')) raw.createObjectStore('kitchenTickets', { keyPath: 'attemptId' });
}

/** Opens (creating or upgrading) the journal database. */
export async function openJournal(options: JournalOptions = {}): Promise<Journal> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new JournalError('IndexedDB is not available');
  const now = options.now ?? (() => new Date());
  const request = openKioskDatabaseRequest(factory, options.dbName ?? 'tolov-kiosk');
  const db = (await wrap(request)) as unknown as IDBPDatabase<JournalSchema>;
  return createJournal(db, now);
}

/**
 * Opens the kiosk's database, creating or upgrading its stores. The journal, staff mode's stores and the cafe
 * stores (sold out, kitchen tickets) each open their own connection through this one upgrade, so whichever opens
 * first makes all.
 */
export function openKioskDatabaseRequest(factory: IDBFactory, name = 'tolov-kiosk'): IDBOpenDBRequest {
  const request = factory.open(name, KIOSK_DB_VERSION);
  request.onupgradeneeded = () => upgradeKioskDb(request.result);
  return request;
}

function createJournal(db: IDBPDatabase<JournalSchema>, now: () => Date): Journal {
  async function record(draft: AttemptDraft): Promise<Attempt> {
    if (draft.amount !== draft.total) throw new JournalError(`amount ${draft.amount} is not the total ${draft.total}`);
    const date = now();
    const at = date.toISOString();
    const attempt: Attempt = {
      id: draft.id,
      createdAt: at,
      updatedAt: at,
      day: localDay(date),
      orderNumber: draft.orderNumber,
      method: draft.method,
      amount: draft.amount,
      total: draft.total,
      lines: structuredClone(draft.lines),
      detail: draft.detail,
      status: 'recorded',
      payment: null,
      receipt: null,
      receiptError: null,
      // After the receipt a wallet confirms its payment and UzQR is sent the receipt's link: both through the outbox.
      confirm: isWallet(draft.method) || draft.method === 'uzqr' ? 'pending' : 'not-needed',
      refund: null,
      history: [{ at, status: 'recorded', event: 'recorded' }],
      resolution: null,
    };
    if (draft.serviceMode !== undefined) attempt.serviceMode = draft.serviceMode;
    const tx = db.transaction('attempts', 'readwrite', durable);
    // add, not put: a second record with the same id means a second charge for one attempt.
    await Promise.all([tx.store.add(attempt), tx.done]);
    return attempt;
  }

  async function update<E extends AttemptEvent>(id: string, event: E, patch?: AttemptPatch<E>): Promise<Attempt> {
    const tx = db.transaction('attempts', 'readwrite', durable);
    try {
      const current = await tx.store.get(id);
      if (!current) throw new JournalError(`no attempt ${id}`);
      const next = applyEvent(current, { event, patch: patch ?? {} } as AttemptChange, now().toISOString());
      await tx.store.put(next);
      await tx.done;
      return next;
    } catch (error) {
      // Abort so nothing half-applied is committed; the caller sees the original error.
      try {
        tx.abort();
      } catch {
        // already finished
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
  }

  async function list(filter: { day?: string; status?: AttemptStatus } = {}): Promise<Attempt[]> {
    let found: Attempt[];
    if (filter.status !== undefined) {
      found = await db.getAllFromIndex('attempts', 'by-status', filter.status);
      if (filter.day !== undefined) found = found.filter((a) => a.day === filter.day);
    } else if (filter.day !== undefined) {
      found = await db.getAllFromIndex('attempts', 'by-day', filter.day);
    } else {
      found = await db.getAll('attempts');
    }
    return found.sort(byCreated);
  }

  async function needingWork(): Promise<Attempt[]> {
    const [paid, receipted] = await Promise.all([list({ status: 'paid' }), list({ status: 'receipted' })]);
    return [...paid, ...receipted].sort(byCreated);
  }

  async function nextOrderNumber(day: string): Promise<string> {
    const tx = db.transaction('meta', 'readwrite', durable);
    const key = `order:${day}`;
    const last = (await tx.store.get(key)) ?? 0;
    const next = last >= 999 ? 1 : last + 1;
    await Promise.all([tx.store.put(next, key), tx.done]);
    return String(next);
  }

  async function exportDay(day: string): Promise<{ json: string; csv: string }> {
    const attempts = await list({ day });
    return { json: JSON.stringify(attempts, null, 2), csv: toCsv(attempts) };
  }

  return {
    record,
    update,
    get: (id) => db.get('attempts', id),
    list,
    needingWork,
    nextOrderNumber,
    exportDay,
    async logFiscal(entry) {
      const tx = db.transaction('fiscalLog', 'readwrite', durable);
      const { seq: _ignored, ...rest } = entry;
      await Promise.all([tx.store.add(rest as FiscalLogEntry), tx.done]);
    },
    async fiscalLog(limit = 100) {
      const out: FiscalLogEntry[] = [];
      let cursor = await db.transaction('fiscalLog').store.openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    },
    close: () => db.close(),
  };
}

function byCreated(a: Attempt, b: Attempt): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/**
 * One event with its own patch. Built from `update`'s arguments, whose patch type follows the event; an absent
 * patch is `{}`, so a required field is checked below rather than trusted.
 */
type AttemptChange = { [E in AttemptEvent]: { event: E; patch: Partial<AttemptPatch<E>> } }[AttemptEvent];

/**
 * The attempt's UzQR refunds with `refund` added or updated (by id). UzQR refunds may be partial, so the rule is
 * the sum: every refund not failed adds up to at most what was paid (issue 18: "never more than was paid").
 */
function withUzqrRefund(current: Attempt, refund: UzqrRefundRecord | undefined): UzqrRefundRecord[] {
  if (!refund) throw new JournalError('uzqr.refund needs the refund');
  if (current.method !== 'uzqr') throw new JournalError(`attempt ${current.id} is not a UzQR payment`);
  if (!Number.isSafeInteger(refund.amount) || refund.amount <= 0) throw new JournalError(`refund amount ${refund.amount} is not a positive number of tiyin`);
  const list = current.uzqrRefunds ?? [];
  const before = list.find((r) => r.id === refund.id);
  if (before && before.amount !== refund.amount) throw new JournalError(`refund ${refund.id} was for ${before.amount}, not ${refund.amount}`);
  const next = before ? list.map((r) => (r.id === refund.id ? structuredClone(refund) : r)) : [...list, structuredClone(refund)];
  const counted = next.filter((r) => r.state !== 'failed').reduce((sum, r) => sum + r.amount, 0);
  if (counted > current.amount) throw new JournalError(`UzQR refunds of ${counted} would be more than the payment's ${current.amount}`);
  return next;
}

function applyEvent(current: Attempt, change: AttemptChange, at: string): Attempt {
  const { event, patch } = change;
  const status = nextStatusAt(current, event, new Date(at));
  const next: Attempt = structuredClone(current);
  next.status = status;
  next.updatedAt = at;
  const entry: AttemptHistoryEntry = { at, status, event };
  if (patch.note !== undefined) entry.note = patch.note;
  const error = 'error' in patch ? patch.error : undefined;
  if (error) {
    entry.errorKind = error.kind;
    const code = gatewayErrorCode(error);
    if (code !== null) entry.errorCode = code;
  }
  switch (change.event) {
    case 'receipt.failed':
      next.receiptError = error ? { kind: error.kind, code: gatewayErrorCode(error), at } : { kind: 'unknown', code: null, at };
      break;
    case 'receipt.registered':
      if (!change.patch.receipt) throw new JournalError('receipt.registered needs the receipt');
      next.receipt = { ...change.patch.receipt };
      next.receiptError = null;
      break;
    case 'charge.paid':
    case 'staff.foundPaid':
      if (change.patch.payment) next.payment = structuredClone(change.patch.payment);
      if (!next.payment) throw new JournalError(`${event} needs the payment`);
      break;
    case 'charge.unsettled': {
      const { settleBy } = change.patch;
      if (!settleBy || Number.isNaN(Date.parse(settleBy))) throw new JournalError('charge.unsettled needs settleBy');
      next.settleBy = settleBy;
      break;
    }
    case 'confirm.done':
      next.confirm = 'done';
      break;
    case 'confirm.skipped':
      next.confirm = 'not-needed';
      break;
    case 'staff.resolved':
      next.resolution = { at, reason: change.patch.resolution?.reason ?? change.patch.note ?? '' };
      break;
    case 'staff.refunded': {
      const { refund } = change.patch;
      if (!refund) throw new JournalError('staff.refunded needs the refund');
      // A payment is refunded at most once, and only as a whole (same-shift card cancels and returns).
      if (current.refund) throw new JournalError(`attempt ${current.id} is already refunded`);
      if (refund.amount !== current.amount) throw new JournalError(`refund amount ${refund.amount} is not the payment's ${current.amount}`);
      next.refund = { ...refund, receipt: { ...refund.receipt } };
      break;
    }
    case 'refund.receipt': {
      const { receipt } = change.patch;
      if (!receipt) throw new JournalError('refund.receipt needs the receipt state');
      if (!current.refund) throw new JournalError(`attempt ${current.id} has no refund`);
      next.refund = { ...current.refund, receipt: { ...receipt } };
      break;
    }
    case 'uzqr.refund':
      next.uzqrRefunds = withUzqrRefund(current, change.patch.uzqrRefund);
      break;
    case 'charge.declined':
    case 'charge.cancelled':
    case 'charge.expired':
    case 'charge.unknown':
    case 'receipt.sending':
    case 'confirm.failed':
    case 'note':
      break;
    default: {
      const never: never = change;
      throw new JournalError(`unknown event ${JSON.stringify(never)}`);
    }
  }
  next.history.push(entry);
  return next;
}

const csvColumns = [
  'id',
  'createdAt',
  'updatedAt',
  'day',
  'orderNumber',
  'method',
  'amountTiyin',
  'totalTiyin',
  'status',
  'detail',
  'paymentRef',
  'receiptCount',
  'fiscalSign',
  'terminalId',
  'receiptUrl',
  'receiptError',
  'confirm',
  'refund',
  'resolution',
] as const;

/**
 * RFC 4180: every field quoted, quotes doubled, so commas, quotes and line breaks in slips survive. A cell that
 * starts with = + - @, Tab or CR would be read by a spreadsheet as a formula (a scanned wallet code can be
 * `=HYPERLINK(…)`): it gets a leading ' (OWASP "CSV injection"), which the spreadsheet shows as text.
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${inert.replace(/"/g, '""')}"`;
}

function paymentRef(payment: PaidWith | null): string {
  if (!payment) return '';
  switch (payment.method) {
    case 'wallet':
      return payment.payment.paymentId;
    case 'pinpad':
      return payment.result.rrn ?? '';
    case 'scan2pay':
      return payment.scan2payId;
    case 'uzqr':
      return payment.payId;
    default: {
      const never: never = payment;
      return String(never);
    }
  }
}

function toCsv(attempts: Attempt[]): string {
  const rows = attempts.map((a) => {
    const cells: Record<(typeof csvColumns)[number], string> = {
      id: a.id,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      day: a.day,
      orderNumber: a.orderNumber,
      method: a.method,
      amountTiyin: String(a.amount),
      totalTiyin: String(a.total),
      status: a.status,
      detail: a.detail ?? '',
      paymentRef: paymentRef(a.payment),
      receiptCount: a.receipt?.receiptCount ?? '',
      fiscalSign: a.receipt?.fiscalSign ?? '',
      terminalId: a.receipt?.terminalId ?? '',
      receiptUrl: a.receipt?.qrUrl ?? '',
      receiptError: a.receiptError ? `${a.receiptError.kind}${a.receiptError.code ? ` ${a.receiptError.code}` : ''}` : '',
      confirm: a.confirm,
      refund: a.refund ? `${a.refund.kind} ${a.refund.at}${a.refund.by ? ` ${a.refund.by}` : ''}` : '',
      resolution: a.resolution ? `${a.resolution.at} ${a.resolution.reason}` : '',
    };
    return csvColumns.map((c) => csvField(cells[c])).join(',');
  });
  return [csvColumns.map(csvField).join(','), ...rows].join('\r\n') + '\r\n';
}
