/**
 * Journal test support: a draft and payments to record, the real journal over a fresh in-memory IndexedDB, a
 * seeder that walks an attempt through the journal's own events, and a recording staff outbox. Shared by the
 * journal, outbox, recovery, checkout and staff tests.
 */
// idb's wrap() looks up IDBRequest and friends on the global object.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { PaymentMethod, ReceiptLine } from '../gateway/types.ts';
import { openJournal, type Attempt, type AttemptDraft, type AttemptEvent, type AttemptPatch, type Journal } from '../journal/journal.ts';
import type { PaidWith } from '../domain/attempt-types.ts';
import { tiyin } from '../money/money.ts';
import type { DriveResult, StaffOutbox } from '../staff/ports.ts';
import type { TestClock } from './clock.ts';
export const teaLine: ReceiptLine = {
  name: 'Choy',
  amount: 2000,
  unitName: 'dona',
  productPrice: tiyin(500_000),
  price: tiyin(1_000_000),
  vat: tiyin(107_143),
  vatPercent: 12,
  classCode: '02202001001000000',
  packageCode: '1500234',
  ownerType: 1,
};

export function testDraft(id: string, method: AttemptDraft['method'], detail: string | null = null): AttemptDraft {
  return { id, method, amount: tiyin(1_000_000), total: tiyin(1_000_000), lines: [teaLine], detail, orderNumber: '12' };
}

export const clickPaid: PaidWith = {
  method: 'wallet',
  payment: { provider: 'click', paymentId: '000123', transactionId: 'T-9', phone: '998901234567', maskedCard: null, raw: '{}' },
};
export const humoPaid: PaidWith = {
  method: 'pinpad',
  result: { provider: 'humo', slip: 'ОДОБРЕНО', rrn: '010965270742', raw: '{}' },
};

let dbCounter = 0;

/** The real journal over a fresh in-memory IndexedDB. */
export async function testJournal(clock: TestClock): Promise<Journal> {
  dbCounter += 1;
  return openJournal({ indexedDB: new IDBFactory(), dbName: `staff-test-${dbCounter}`, now: clock.date });
}

export interface Seed {
  id: string;
  method: PaymentMethod;
  amount: number;
  orderNumber?: string;
  /** ISO time the attempt is recorded at. */
  at?: string;
  /** Where the attempt ends up. */
  to: 'recorded' | 'unknown' | 'paid' | 'receiptError' | 'receipted' | 'done' | 'declined';
  slip?: string;
  rrn?: string | null;
}

function paidWith(seed: Seed): PaidWith {
  switch (seed.method) {
    case 'humo':
    case 'uzcard':
      return { method: 'pinpad', result: { provider: seed.method, slip: seed.slip ?? '', rrn: seed.rrn ?? null, raw: '' } };
    case 'scan2pay':
      return { method: 'scan2pay', scan2payId: 's2p-1', orderId: '77777' };
    case 'uzqr':
      return { method: 'uzqr', invoiceId: 'INVC1', payId: 'PAY1', payerPhone: null, cardType: '2', maskedCard: null };
    default:
      return {
        method: 'wallet',
        payment: { provider: seed.method, paymentId: 'p-1', transactionId: null, phone: null, maskedCard: null, raw: '' },
      };
  }
}

/** Records an attempt and walks it through the journal's own events to the wanted status. */
export async function seed(journal: Journal, clock: TestClock, s: Seed): Promise<Attempt> {
  if (s.at) clock.set(s.at);
  const amount = tiyin(s.amount);
  let a = await journal.record({
    id: s.id,
    method: s.method,
    amount,
    total: amount,
    lines: [],
    detail: null,
    orderNumber: s.orderNumber ?? '17',
  });
  const step = async (event: AttemptEvent, patch?: AttemptPatch) => {
    a = await journal.update(s.id, event, patch);
  };
  switch (s.to) {
    case 'recorded':
      break;
    case 'unknown':
      await step('charge.unknown', { error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } });
      break;
    case 'declined':
      await step('charge.declined');
      break;
    case 'paid':
    case 'receiptError':
    case 'receipted':
    case 'done':
      await step('charge.paid', { payment: paidWith(s) });
      if (s.to === 'paid') break;
      if (s.to === 'receiptError') {
        await step('receipt.failed', {
          error: { kind: 'rejected', code: '104', message: 'time', fieldErrors: null, providerCode: null, raw: '' },
        });
        break;
      }
      await step('receipt.registered', {
        receipt: { qrUrl: 'https://ofd.soliq.uz/check?t=1', receiptCount: '643', fiscalSign: '1', terminalId: 'UZ1', dateTime: '1' },
      });
      if (s.to === 'done') await step('confirm.skipped');
      break;
  }
  return a;
}

/** Wraps a journal so one event is refused, as a journal without that event would. */
export function refusingEvent(journal: Journal, event: AttemptEvent): Journal {
  return {
    ...journal,
    update: (id, e, patch) => (e === event ? Promise.reject(new Error(`no ${e}`)) : journal.update(id, e, patch)),
  };
}

export function fakeOutbox(result: DriveResult = { ok: false, error: { kind: 'refused', problem: 'test' } }): StaffOutbox & {
  driven: string[];
} {
  const driven: string[] = [];
  return {
    driven,
    async drive(id) {
      driven.push(id);
      return result;
    },
  };
}
