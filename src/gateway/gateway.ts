/**
 * The typed gateway client: one function per call, each returning a `Result` value and never throwing.
 * Money leaves tiyin only here (per method unit); identifiers travel as strings.
 */
import { methodRow, type PinpadProvider } from '../domain/payment-methods.ts';
import { isTiyin, toMethodUnit, type AmountUnit, type Tiyin } from '../money/money.ts';
import {
  infoReader,
  lastReceiptReader,
  pinpadReader,
  receiptReader,
  scan2payCreateReader,
  scan2payStatusReader,
  walletConfirmReader,
  walletPayReader,
} from './call-readers.ts';
import { isScan2payPending } from './error-codes.ts';
import { interpretResponse, outcomeOf, unknown, type CallReader } from './envelope.ts';
import { defaultTraceSize, sendRequest, TraceBuffer, type HttpCore, type HttpOutcome } from './http-core.ts';
import { receiptBody, receiptProblem } from './receipt-body.ts';
import type {
  CallOptions,
  Gateway,
  GatewayError,
  GatewayOptions,
  PinpadResult,
  Result,
  Scan2payStatus,
  WalletProvider,
} from './types.ts';

function refused(problem: string): { ok: false; error: GatewayError } {
  return { ok: false, error: { kind: 'refused', problem } };
}

/**
 * Creates the gateway client. `options.fetch` is injected in tests; by default the global fetch is used.
 * Every call is traced (`trace()`), honours `CallOptions.signal`, and times out per its kind
 * (`timeouts`, or `CallOptions.timeoutMs`).
 */
export function createGateway(options: GatewayOptions): Gateway {
  const core: HttpCore = {
    baseUrl: options.baseUrl,
    // Called unbound, the browser's fetch throws "Illegal invocation".
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    trace: options.trace ?? new TraceBuffer(options.traceSize ?? defaultTraceSize),
  };
  const { timeouts } = options;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    reader: CallReader<T>,
    callOptions: CallOptions | undefined,
    after?: (result: Result<T>) => Result<T>,
  ): Promise<Result<T>> {
    const request: Parameters<typeof sendRequest>[1] = { method, path, timeoutMs: callOptions?.timeoutMs ?? timeoutMs };
    if (method === 'POST') request.body = body;
    if (callOptions?.signal) request.signal = callOptions.signal;
    const outcome: HttpOutcome = await sendRequest(core, request);
    let result: Result<T>;
    try {
      result = interpretResponse(outcome, reader);
      if (after) result = after(result);
    } catch {
      // A reader bug must not turn into a thrown charge: the answer is kept and staff decide.
      result = unknown('unreadable', outcome.status, outcome.text);
    }
    core.trace.settle(outcome.traceId, outcomeOf(result));
    return result;
  }

  /** The amount in the method's unit, or why it must not be sent (DESIGN.md §5 `maxAmount`). */
  function chargeAmount(amount: Tiyin, unit: AmountUnit): { ok: true; value: number } | { ok: false; error: GatewayError } {
    if (!isTiyin(amount) || amount <= 0) return refused(`amount ${String(amount)} is not a positive whole number of tiyin`);
    if (amount > options.maxAmount) return refused(`amount ${amount} tiyin is above maxAmount ${options.maxAmount}`);
    try {
      return { ok: true, value: toMethodUnit(amount, unit) };
    } catch (e) {
      return refused(e instanceof Error ? e.message : `amount ${amount} cannot be sent in ${unit}`);
    }
  }

  const pinpadClosePath = (provider: PinpadProvider) => `/payment/${methodRow(provider).gatewayName}_close`;

  function pinpadCall(
    provider: PinpadProvider,
    kind: 'pay' | 'cancel',
    amount: Tiyin,
    requestId: string | null,
    callOptions: CallOptions | undefined,
  ): Promise<Result<PinpadResult>> {
    const checked = chargeAmount(amount, 'tiyin');
    if (!checked.ok) return Promise.resolve(checked);
    const path = `/payment/${methodRow(provider).gatewayName}`;
    let body: Record<string, unknown> = { amount: checked.value };
    if (requestId !== null) {
      if (requestId.trim() === '') return Promise.resolve(refused('request_id is empty'));
      // A string on the wire: an RRN such as 010965270742 keeps its leading zero.
      body = { request_id: requestId, amount: checked.value, is_return: true };
    }
    return call('POST', path, body, timeouts.pinpadMs, pinpadReader(provider, kind), callOptions);
  }

  const gateway: Gateway = {
    walletPay(provider: WalletProvider, amount, qrCode, callOptions) {
      const checked = chargeAmount(amount, options.amountUnits[provider]);
      if (!checked.ok) return Promise.resolve(checked);
      if (typeof qrCode !== 'string' || qrCode === '') return Promise.resolve(refused('the QR code is empty'));
      return call(
        'POST',
        `/payment/${methodRow(provider).gatewayName}`,
        { amount: checked.value, qr_code: qrCode },
        timeouts.walletMs,
        walletPayReader(provider),
        callOptions,
      );
    },

    walletConfirm(provider, payment, qrUrl, callOptions) {
      const row = methodRow(provider);
      let body: Record<string, unknown>;
      if (row.confirmKey === 'transaction_id') {
        if (payment.transactionId === null || payment.transactionId === '') {
          return Promise.resolve(refused(`${row.brand} confirms by transaction_id, and it is missing`));
        }
        body = { transaction_id: payment.transactionId, qr_code: qrUrl };
      } else {
        if (payment.paymentId === '') return Promise.resolve(refused('payment_id is empty'));
        body = { payment_id: payment.paymentId, qr_code: qrUrl };
      }
      return call(
        'POST',
        `/payment/${row.gatewayName}_confirm`,
        body,
        timeouts.receiptMs,
        walletConfirmReader(provider),
        callOptions,
      );
    },

    humoPay: (amount, callOptions) => pinpadCall('humo', 'pay', amount, null, callOptions),
    humoCancel: (requestId, amount, callOptions) => pinpadCall('humo', 'cancel', amount, requestId, callOptions),
    humoClose: (callOptions) =>
      call('GET', pinpadClosePath('humo'), undefined, timeouts.pinpadMs, pinpadReader('humo', 'close'), callOptions),
    uzcardPay: (amount, callOptions) => pinpadCall('uzcard', 'pay', amount, null, callOptions),
    uzcardReturn: (rrn, amount, callOptions) => pinpadCall('uzcard', 'cancel', amount, rrn, callOptions),
    uzcardClose: (callOptions) =>
      call('GET', pinpadClosePath('uzcard'), undefined, timeouts.pinpadMs, pinpadReader('uzcard', 'close'), callOptions),

    scan2payCreate(amount, orderId, print, callOptions) {
      const checked = chargeAmount(amount, options.amountUnits.scan2pay);
      if (!checked.ok) return Promise.resolve(checked);
      if (!/^\d+$/.test(orderId)) return Promise.resolve(refused(`order_id "${orderId}" is not made of digits only`));
      // payment.md documents create's order_id as an integer (status keeps the string): it must survive as one.
      const numericId = Number(orderId);
      if (!Number.isSafeInteger(numericId) || String(numericId) !== orderId) {
        return Promise.resolve(refused(`order_id "${orderId}" is not a safe integer without leading zeros`));
      }
      return call(
        'POST',
        `/payment/${methodRow('scan2pay').gatewayName}`,
        { amount: checked.value, order_id: numericId, print },
        timeouts.defaultMs,
        scan2payCreateReader,
        callOptions,
      );
    },

    scan2payStatus(orderId, callOptions) {
      if (!/^\d+$/.test(orderId)) return Promise.resolve(refused(`order_id "${orderId}" is not made of digits only`));
      return call(
        'POST',
        `/payment/${methodRow('scan2pay').gatewayName}/status`,
        { order_id: orderId },
        timeouts.defaultMs,
        scan2payStatusReader(orderId),
        callOptions,
        (result): Result<Scan2payStatus> => {
          // 105 (and the vendor table's 403) mean "no payment yet": keep polling.
          if (!result.ok && isScan2payPending(result.error)) {
            return { ok: true, value: { paid: false, raw: result.error.raw } };
          }
          return result;
        },
      );
    },

    orderCreate(receipt, callOptions) {
      let body: Record<string, unknown>;
      try {
        const problem = receiptProblem(receipt);
        if (problem !== null) return Promise.resolve(refused(problem));
        body = receiptBody(receipt);
      } catch (e) {
        return Promise.resolve(refused(e instanceof Error ? e.message : 'the receipt cannot be built'));
      }
      return call('POST', '/order/create/', body, timeouts.receiptMs, receiptReader, callOptions);
    },

    orderLast: (callOptions) => call('GET', '/order/last/', undefined, timeouts.defaultMs, lastReceiptReader, callOptions),
    info: (callOptions) => call('GET', '/info/', undefined, timeouts.defaultMs, infoReader, callOptions),
    trace: () => core.trace.entries(),
  };
  return gateway;
}
