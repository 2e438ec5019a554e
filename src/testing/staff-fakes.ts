/** Test doubles for staff mode: a Gateway that records its calls and answers as told, an in-memory journal. */
import type {
  Gateway,
  GatewayError,
  GatewayInfo,
  PaymentMethod,
  PinpadResult,
  Result,
  TraceEntry,
} from '../gateway/types.ts';
// idb's wrap() looks up IDBRequest and friends on the global object.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openJournal, type Attempt, type AttemptEvent, type Journal, type AttemptPatch } from '../journal/journal.ts';
import type { PaidWith } from '../machines/payment-outcome.ts';
import { tiyin } from '../money/money.ts';
import type { DriveResult, StaffOutbox } from '../staff/ports.ts';

export const HUMO_SLIP = `           ОБЫЧНЫЙ ТОВАР
ID Терминала:09110004  Номер смены 4
ID Организации:010950461213101
                             Чек
340
               Оплата
              ОДОБРЕНО
СУММА(AMOUNT):             280.00 UZS
Карта: HUMO              Срок: 01/25
        986009******7856:01
Код авторизации: 635842
                     Код ответа:
000
RRN:408005356147
              Дата:29/09/23
14:07:01`;

export const UZCARD_SLIP = `PAX A35 Uzcard POS v1.5.0
Date/Time: 2024-04-04 11:22:13
TID: 00000166
Operation: Оплата
Invoice: 474
CARD: 626291******5674(БЕСКОНТАКТ(W))
Total Amount: 50000
Resp Code: 000
RRN: 010965628751`;

export const HUMO_CANCEL_SLIP = `ID Терм.:34112204      Номер смены 1
ID Орг.:011760574070401       Чек 14
          Отмена (CANCEL)
              ОДОБРЕНО
         ОПЕРАЦИЯ ОТМЕНЕНА
СУММА:                    280.00 UZS
Код авториз.:731333   Код ответа:400
RRN(ссылка) :416311639412`;

/** The spec's UzCard return slip, as the client salvages it from the Kotlin-tailed answer. */
export const UZCARD_RETURN_SLIP = `
            OOO TEST TIME
       БЕСКОНТАКТНАЯ ОПЕРАЦИЯ
Номер операции:                  168
RRN                     010968002727
Дата             2025-03-07 14:54:27
Карта               544081******5040
              Возврат
             500.00 UZS
              Одобрено
          Код ответа:000 
`;

export type Call = { name: keyof Gateway; args: unknown[] };

export function pinpadOk(provider: 'humo' | 'uzcard', slip: string, rrn: string | null): Result<PinpadResult> {
  return { ok: true, value: { provider, slip, rrn, raw: slip } };
}

export function rejected(code: string, message: string, providerCode: string | null = null): Result<never> {
  const error: GatewayError = { kind: 'rejected', code, message, fieldErrors: null, providerCode, raw: message };
  return { ok: false, error };
}

export interface FakeGateway extends Gateway {
  calls: Call[];
  answers: Partial<Record<keyof Gateway, () => Promise<unknown> | unknown>>;
  traceEntries: TraceEntry[];
}

function notStubbed(name: string): never {
  throw new Error(`fake gateway: ${name} not expected in this test`);
}

export function fakeGateway(answers: FakeGateway['answers'] = {}): FakeGateway {
  const calls: Call[] = [];
  const traceEntries: TraceEntry[] = [];
  const call = (name: keyof Gateway) =>
    (async (...args: unknown[]) => {
      calls.push({ name, args });
      const answer = gw.answers[name];
      if (!answer) notStubbed(name);
      return await answer();
    }) as never;
  const gw: FakeGateway = {
    calls,
    answers,
    traceEntries,
    walletPay: call('walletPay'),
    walletConfirm: call('walletConfirm'),
    humoPay: call('humoPay'),
    humoCancel: call('humoCancel'),
    humoClose: call('humoClose'),
    uzcardPay: call('uzcardPay'),
    uzcardReturn: call('uzcardReturn'),
    uzcardClose: call('uzcardClose'),
    scan2payCreate: call('scan2payCreate'),
    scan2payStatus: call('scan2payStatus'),
    orderCreate: call('orderCreate'),
    orderLast: call('orderLast'),
    info: call('info'),
    trace: () => traceEntries,
  };
  return gw;
}

export function infoOk(info: Partial<GatewayInfo>): () => Result<GatewayInfo> {
  return () => ({ ok: true, value: { terminalId: null, currentTime: null, raw: '{}', ...info } });
}

export interface TestClock {
  now: Date;
  set(iso: string): void;
}

export function testClock(iso = '2025-03-07T09:00:00.000Z'): TestClock {
  const clock: TestClock = {
    now: new Date(iso),
    set(next) {
      clock.now = new Date(next);
    },
  };
  return clock;
}

let dbCounter = 0;

/** The real journal over a fresh in-memory IndexedDB. */
export async function testJournal(clock: TestClock): Promise<Journal> {
  dbCounter += 1;
  return openJournal({ indexedDB: new IDBFactory(), dbName: `staff-test-${dbCounter}`, now: () => clock.now });
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
