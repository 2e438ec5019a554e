/**
 * The one in-memory Gateway for unit tests (journal, outbox, recovery, machines, staff mode). Every call is
 * recorded with its business arguments (not the `CallOptions`). An answer comes from, in this order:
 * - the call's queue (`enqueue`, first in first out), for a scripted sequence;
 * - its standing answer (`answers[name]`, every call), for a test that tells one call how to answer;
 * - otherwise a happy default, or, for a strict gateway (`fakeGateway()`), a failure: staff tests use that so a
 *   refund that touched another call fails the test instead of being answered kindly.
 * `orderCreate` keeps a register of receipts so `orderLast` tells the truth, like the real fiscal module.
 */
import type {
  Gateway,
  GatewayError,
  GatewayInfo,
  LastReceipt,
  PinpadResult,
  Receipt,
  ReceiptRequest,
  Result,
  Scan2payCreated,
  Scan2payStatus,
  TraceEntry,
  WalletConfirmation,
  WalletPayment,
  WalletProvider,
} from '../gateway/types.ts';
import type { Tiyin } from '../money/money.ts';

export type FakeCallName = Exclude<keyof Gateway, 'trace'>;
type Answered<K extends FakeCallName> = Awaited<ReturnType<Gateway[K]>>;
/** A result, or a function computing it (sync or async) from the call's arguments. */
export type FakeAnswer<K extends FakeCallName> =
  | Answered<K>
  | ((...args: Parameters<Gateway[K]>) => Answered<K> | Promise<Answered<K>>);
export type FakeAnswers = { [K in FakeCallName]?: FakeAnswer<K> };

export interface FakeCall {
  name: FakeCallName;
  args: unknown[];
}

/** A charge whose answer never arrived (timeout): the usual "unknown" error. */
export function unknownError(reason: 'timeout' | 'network' | 'server' | 'unreadable' | 'aborted' = 'timeout'): GatewayError {
  return { kind: 'unknown', reason, status: null, raw: '' };
}

/** A business error (`is_success: false`) with the gateway's code. */
export function rejectedError(code: string, message = 'rejected', providerCode: string | null = null, raw = ''): GatewayError {
  return { kind: 'rejected', code, message, fieldErrors: null, providerCode, raw };
}

/** A refused answer as the kiosk gets it; its raw text is the message (the refund reads the slip's code from it). */
export function rejected(code: string, message: string, providerCode: string | null = null): Result<never> {
  return { ok: false, error: rejectedError(code, message, providerCode, message) };
}

/** A pinpad's approval with the slip given. */
export function pinpadOk(provider: 'humo' | 'uzcard', slip: string, rrn: string | null): Result<PinpadResult> {
  return { ok: true, value: { provider, slip, rrn, raw: slip } };
}

/** A standing `info` answer with the fields given. */
export function infoOk(info: Partial<GatewayInfo>): () => Result<GatewayInfo> {
  return () => ({ ok: true, value: { terminalId: null, currentTime: null, raw: '{}', ...info } });
}

export class FakeGateway implements Gateway {
  readonly calls: FakeCall[] = [];
  /** Receipts the fake fiscal module registered, in order. */
  readonly registered: ReceiptRequest[] = [];
  /** Whether `orderLast` echoes the receipt's uuid: the vendor does not promise it, so off by default. */
  echoUuid = false;
  /** Standing answers, one per call name, used whenever that call's queue is empty. */
  answers: FakeAnswers;
  /** A strict gateway fails every call it has no answer for, instead of answering with the happy default. */
  readonly strict: boolean;
  private readonly queues = new Map<FakeCallName, unknown[]>();

  constructor(options: { strict?: boolean; answers?: FakeAnswers } = {}) {
    this.strict = options.strict ?? false;
    this.answers = options.answers ?? {};
  }

  /** Queues the next answers for one call. */
  enqueue<K extends FakeCallName>(name: K, ...answers: FakeAnswer<K>[]): this {
    const queue = this.queues.get(name) ?? [];
    queue.push(...answers);
    this.queues.set(name, queue);
    return this;
  }

  /** An `orderCreate` answer that registers the receipt and then loses the answer (`result` is what the kiosk sees). */
  registerThen(result: Result<Receipt>): (receipt: ReceiptRequest) => Promise<Result<Receipt>> {
    return async (request) => {
      this.register(request);
      return result;
    };
  }

  callsOf(name: FakeCallName): FakeCall[] {
    return this.calls.filter((c) => c.name === name);
  }

  private async answer<T>(name: FakeCallName, args: unknown[], fallback: () => Promise<T>): Promise<T> {
    this.calls.push({ name, args: [...args] });
    const next = this.queues.get(name)?.shift() ?? this.answers[name];
    if (next === undefined) {
      if (this.strict) throw new Error(`fake gateway: ${name} not expected in this test`);
      return fallback();
    }
    if (typeof next === 'function') return await (next as (...a: unknown[]) => T | Promise<T>)(...args);
    return next as T;
  }

  private register(request: ReceiptRequest): Receipt {
    this.registered.push(structuredClone(request));
    const count = String(this.registered.length);
    const terminalId = 'UZ170703100189';
    const dateTime = '20200518221403';
    const fiscalSign = String(248429044289 + this.registered.length);
    return {
      terminalId,
      receiptCount: count,
      dateTime,
      fiscalSign,
      qrUrl: `https://ofd.soliq.uz/check?t=${terminalId}&r=${count}&c=${dateTime}&s=${fiscalSign}`,
      raw: '{}',
    };
  }

  walletPay(provider: WalletProvider, amount: Tiyin, qrCode: string): Promise<Result<WalletPayment>> {
    return this.answer('walletPay', [provider, amount, qrCode], async () => ({
      ok: true,
      value: { provider, paymentId: '000123', transactionId: 'T-1', phone: '998901234567', maskedCard: null, raw: '{}' },
    }));
  }

  walletConfirm(provider: WalletProvider, payment: { paymentId: string; transactionId: string | null }, qrUrl: string): Promise<Result<WalletConfirmation>> {
    return this.answer('walletConfirm', [provider, payment, qrUrl], async () => ({ ok: true, value: { provider, raw: '{}' } }));
  }

  humoPay(amount: Tiyin): Promise<Result<PinpadResult>> {
    return this.answer('humoPay', [amount], async () => ({ ok: true, value: pinpad('humo') }));
  }

  humoCancel(requestId: string, amount: Tiyin): Promise<Result<PinpadResult>> {
    return this.answer('humoCancel', [requestId, amount], async () => ({ ok: true, value: pinpad('humo') }));
  }

  humoClose(): Promise<Result<PinpadResult>> {
    return this.answer('humoClose', [], async () => ({ ok: true, value: pinpad('humo') }));
  }

  uzcardPay(amount: Tiyin): Promise<Result<PinpadResult>> {
    return this.answer('uzcardPay', [amount], async () => ({ ok: true, value: pinpad('uzcard') }));
  }

  uzcardReturn(rrn: string, amount: Tiyin): Promise<Result<PinpadResult>> {
    return this.answer('uzcardReturn', [rrn, amount], async () => ({ ok: true, value: pinpad('uzcard') }));
  }

  uzcardClose(): Promise<Result<PinpadResult>> {
    return this.answer('uzcardClose', [], async () => ({ ok: true, value: pinpad('uzcard') }));
  }

  scan2payCreate(amount: Tiyin, orderId: string, print: boolean): Promise<Result<Scan2payCreated>> {
    return this.answer('scan2payCreate', [amount, orderId, print], async () => ({
      ok: true,
      value: { paymentUrl: `http://scan2pay.uz/${orderId}`, raw: '{}' },
    }));
  }

  scan2payStatus(orderId: string): Promise<Result<Scan2payStatus>> {
    return this.answer('scan2payStatus', [orderId], async () => ({ ok: true, value: { paid: false, raw: '{}' } }));
  }

  orderCreate(receipt: ReceiptRequest): Promise<Result<Receipt>> {
    return this.answer('orderCreate', [receipt], async () => ({ ok: true, value: this.register(receipt) }));
  }

  orderLast(): Promise<Result<LastReceipt>> {
    return this.answer('orderLast', [], async () => {
      const last = this.registered.length;
      const request = this.registered[last - 1];
      if (!request) {
        return {
          ok: true,
          value: {
            found: false, uuid: null, qrUrl: null, time: null, total: null, lines: null, isRefund: null,
            terminalId: null, receiptSeq: null, dateTime: null, fiscalSign: null, raw: '{}',
          },
        };
      }
      const dateTime = '20200518221403';
      const terminalId = 'UZ170703100189';
      const fiscalSign = String(248429044289 + last);
      return {
        ok: true,
        value: {
          found: true,
          uuid: this.echoUuid ? request.uuid : null,
          qrUrl: `https://ofd.soliq.uz/check?t=${terminalId}&r=${last}&c=${dateTime}&s=${fiscalSign}`,
          time: request.time,
          total: String(request.total),
          lines: request.lines.map((l) => ({ classCode: l.classCode, amount: String(l.amount), price: String(l.price) })),
          isRefund: false,
          terminalId,
          receiptSeq: String(last),
          dateTime,
          fiscalSign,
          raw: '{}',
        },
      };
    });
  }

  info(): Promise<Result<GatewayInfo>> {
    return this.answer('info', [], async () => ({ ok: true, value: { terminalId: 'UZ170703100189', currentTime: null, raw: '{}' } }));
  }

  trace(): readonly TraceEntry[] {
    return [];
  }
}

/** A strict FakeGateway: it answers only the calls given here (or set later in `answers`); any other call fails. */
export function fakeGateway(answers: FakeAnswers = {}): FakeGateway {
  return new FakeGateway({ strict: true, answers });
}

function pinpad(provider: 'humo' | 'uzcard'): PinpadResult {
  return { provider, slip: 'ОДОБРЕНО\nКод ответа: 000', rrn: '010965270742', raw: '{}' };
}
