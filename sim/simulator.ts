/**
 * The local payment gateway simulator: routes gateway requests (paths relative to its mount point, e.g.
 * `/payment/click`) to small state modules, applies injected faults, logs every request, and serves the
 * control API and page. Plain Node (no DOM, nothing from src/), so Vite's config loader and tsx can both load it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlPageHtml } from './control-page.ts';
import {
  checkAmount,
  fail,
  idField,
  jsonAnswer,
  textAnswer,
  validationError,
  type Answer,
  type Envelope,
  type FieldErrors,
} from './envelope.ts';
import { FiscalModule, type RefundRecord } from './fiscal-module.ts';
import { FaultQueue, parseFaultRequest, type CallName, type Fault, type PendingFault } from './faults.ts';
import { Pinpads, type PinpadKind, type PinpadPayment, type PinpadShift } from './pinpads.ts';
import { OkmValidation, okmRefusal } from './okm-validation.ts';
import { createIdSource } from './random-ids.ts';
import { ReceiptStore, type ReceiptRecord } from './receipts.ts';
import { RequestLog, type RequestLogEntry } from './request-log.ts';
import { Scan2payStore, type Scan2payOrder } from './scan2pay.ts';
import { defaultSettings, parseSettingsPatch, type SimulatorSettings } from './settings.ts';
import { routePath } from './vendor-paths.ts';
import { uzqrError, UzqrStore, type UzqrInvoice, type UzqrRefund } from './uzqr.ts';
import { walletDecline, WalletStore, walletProviders, type WalletPayment, type WalletProvider } from './wallets.ts';

export interface GatewaySimulatorOptions {
  /** The simulator's clock (receipt times, the ±5 minute check, slips). Default: the real clock. */
  now?: () => Date;
  /** Seed for generated ids; the same seed gives the same ids. Default: random. */
  seed?: number;
  /** Settings to start with and to return to on reset (defaults: {@link defaultSettings}). */
  settings?: Partial<SimulatorSettings>;
  /** How long a `hang` fault holds a request before dropping the connection. Default 10 minutes. */
  hangCapMs?: number;
  /** Request log capacity. Default 5000. */
  logCapacity?: number;
  /** Called as each gateway request is logged (before a `hang` starts holding it); lets tests wait on events. */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** A snapshot of everything the simulator remembers (what `GET /__sim/state` answers). */
export interface SimulatorState {
  settings: SimulatorSettings;
  walletPayments: WalletPayment[];
  pinpadPayments: PinpadPayment[];
  shifts: Record<PinpadKind, PinpadShift>;
  scan2payOrders: Scan2payOrder[];
  receipts: ReceiptRecord[];
  /** `order/create` calls that repeated an already-registered uuid (answered with the same receipt). */
  receiptRepeats: number;
  zreportOpen: boolean;
  /** Refund receipts (`/order/refuse/`) the fiscal module registered. */
  refundReceipts: RefundRecord[];
  /** Non-fiscal prints (`/print/banner`), each the banners of one call. */
  bannerPrints: unknown[][];
  faults: PendingFault[];
  /** Requests held open by a `hang` fault right now. */
  openHangs: number;
  /** UzQR invoices, with the receipt URLs linked to each (`/payment/one_qr/receipt`). */
  uzqrInvoices: UzqrInvoice[];
  uzqrRefunds: UzqrRefund[];
  /** UzQR status calls held open right now (the long poll). */
  uzqrHeldPolls: number;
  /** Gateway requests logged (the log keeps the newest 5000). */
  requestCount: number;
}

export interface FaultRequest {
  call: string;
  fault: string;
  code?: string | number;
  ms?: number;
  times?: number;
}

export interface GatewaySimulator {
  /** Answers one gateway request; resolves when the answer is written or the client went away. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Answers one control request (paths relative to the control mount: `/`, `/state`, `/fault`, …). */
  handleControl(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Payments, receipts, orders, shifts, faults, settings and the log back to their start. */
  reset(): void;
  readonly state: SimulatorState;
  /** Logged gateway requests, oldest first, optionally one call's only. */
  requests(call?: string): RequestLogEntry[];
  /** Queues a fault; throws on an unknown call or fault. */
  addFault(request: FaultRequest): void;
  /** Changes settings; throws on a bad value. */
  updateSettings(patch: Partial<SimulatorSettings>): void;
  /** Marks a Scan2pay order paid; false if there is no such order. */
  markScan2payPaid(orderId: string): boolean;
  /** Marks a UzQR invoice (by invoice_id or external_id) paid; its status call answers at once. Null if none. */
  markUzqrPaid(id: string): UzqrInvoice | null;
  /** Closes a pinpad's shift; returns the new shift number. */
  closeShift(pinpad: PinpadKind): number;
}

const maxBodyBytes = 1024 * 1024;
const defaultHangCapMs = 10 * 60 * 1000;

interface ParsedBody {
  /** Parsed JSON, or the raw text when it is not JSON, or null when empty. */
  value: unknown;
  json: boolean;
}

async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBodyBytes) throw new Error('request body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { value: null, json: false };
  try {
    return { value: JSON.parse(text) as unknown, json: true };
  } catch {
    return { value: text, json: false };
  }
}

function splitUrl(url: string | undefined): { path: string; query: URLSearchParams } {
  const parsed = new URL(url ?? '/', 'http://sim.invalid');
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return { path, query: parsed.searchParams };
}

function writeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.writableEnded || res.destroyed) return;
  res.statusCode = answer.status;
  res.setHeader('Content-Type', answer.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}

function writeJson(res: ServerResponse, status: number, value: unknown): void {
  writeAnswer(res, { kind: 'control', status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) });
}

/** Waits `ms`, or less if the client goes away meanwhile. */
function waitWhileConnected(res: ServerResponse, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}

const receiptErrorMessages: Record<string, string> = {
  '101': 'Printer not working',
  '102': 'FISCAL_MODULE_NOT_INITIALIZED',
  '104': 'BILLING_ERROR',
  '333': 'Service subscription expired',
  '401': 'Invalid class_code (IKPU)',
  '402': 'Invalid package code or missing marking code',
  '65531': 'Receipt sums do not add up',
  '65532': 'Illegal argument',
  '65534': 'Fiscal module not connected',
};

const htmlErrorPage =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

/** Which field a `validation` fault complains about, per call. */
function validationFieldFor(call: CallName): string {
  if (call.endsWith('_confirm')) return call === 'anor_confirm' ? 'transaction_id' : 'payment_id';
  if ((walletProviders as readonly string[]).includes(call)) return 'qr_code';
  if (call === 'xumo' || call === 'uzcard') return 'amount';
  if (call === 'xumo_cancel' || call === 'uzcard_return') return 'request_id';
  if (call === 'qr_pay' || call === 'qr_pay_status') return 'order_id';
  if (call === 'order_create') return 'products';
  return 'non_field_errors';
}

/** Creates a simulator with its own state. */
export function createGatewaySimulator(options: GatewaySimulatorOptions = {}): GatewaySimulator {
  const now = options.now ?? (() => new Date());
  const baseSettings: SimulatorSettings = { ...defaultSettings(), ...options.settings };
  const hangCapMs = options.hangCapMs ?? defaultHangCapMs;
  const log = new RequestLog(options.logCapacity ?? 5000);
  const faults = new FaultQueue();
  let seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  let ids = createIdSource(seed);
  let settings: SimulatorSettings = { ...baseSettings };
  let wallets = new WalletStore(ids);
  let pinpads = new Pinpads(ids);
  let scan2pay = new Scan2payStore(ids);
  let uzqr = new UzqrStore(ids);
  let receipts = new ReceiptStore(ids);
  const okm = new OkmValidation();
  let fiscal = new FiscalModule(ids, () => settings, now());
  let openHangs = 0;

  function reset(): void {
    // A new seed stream per reset keeps a seeded run reproducible from each reset on.
    seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
    ids = createIdSource(seed);
    settings = { ...baseSettings };
    wallets = new WalletStore(ids);
    pinpads = new Pinpads(ids);
    scan2pay = new Scan2payStore(ids);
    uzqr.releaseAll();
    uzqr = new UzqrStore(ids);
    receipts = new ReceiptStore(ids);
    okm.reset();
    fiscal = new FiscalModule(ids, () => settings, now());
    faults.clear();
    log.clear();
  }

  interface Route {
    call: CallName;
    run: () => Promise<Answer> | Answer;
  }

  const pinpadDelay = (res: ServerResponse): Promise<void> => waitWhileConnected(res, settings.pinpadDelayMs);

  function pinpadCharge(kind: PinpadKind, call: CallName, body: unknown, res: ServerResponse): Route {
    return {
      call,
      run: async () => {
        const errors: FieldErrors = {};
        const amount = checkAmount(body, errors);
        if (amount === undefined) return jsonAnswer(validationError(errors));
        // The customer taps the card whether or not the kiosk is still listening: the payment happens anyway.
        await pinpadDelay(res);
        return pinpads.pay(kind, amount, now()).answer;
      },
    };
  }

  function pinpadCancel(kind: PinpadKind, call: CallName, body: unknown, res: ServerResponse): Route {
    return {
      call,
      run: async () => {
        const errors: FieldErrors = {};
        const amount = checkAmount(body, errors);
        const requestId = idField(body, 'request_id');
        if (requestId === undefined) errors['request_id'] = ['This field may not be blank.'];
        if (amount === undefined || requestId === undefined) return jsonAnswer(validationError(errors));
        await pinpadDelay(res);
        return pinpads.cancel(kind, requestId, amount, settings, now()).answer;
      },
    };
  }

  const isReturn = (body: unknown): boolean => {
    const v = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['is_return'] : undefined;
    return v === true || v === 'true';
  };

  /** `/order/create/`: the fiscal module's state first (shift, faults), then the receipt store. */
  function createReceipt(body: unknown): Answer {
    const refusal = fiscal.receiptRefusal();
    if (refusal) return jsonAnswer(refusal);
    const created = receipts.create(body, now(), settings);
    if (created.receipt && !created.repeat) fiscal.recordSale(created.receipt.order, created.receipt.receiptCount);
    okm.noteReceipt(body, created.envelope.is_success); // sold marking codes: /okm/validation refuses them (1016)
    return jsonAnswer(created.envelope);
  }

  function refuseReceipt(body: unknown): Answer {
    const sales = receipts.list();
    const urls = new Set(sales.map((r) => r.qrUrl));
    return jsonAnswer(fiscal.refuse(body, urls, sales.length + 1, now()));
  }

  function findRoute(
    method: string,
    path: string,
    body: unknown,
    res: ServerResponse,
    query: URLSearchParams = new URLSearchParams(),
  ): Route | 'not_found' | 'method' {
    const post = (route: Route): Route | 'method' => (method === 'POST' ? route : 'method');
    const get = (route: Route): Route | 'method' => (method === 'GET' ? route : 'method');
    for (const provider of walletProviders) {
      if (path === `/payment/${provider}`) {
        return post({
          call: provider,
          run: () => {
            const invalid = wallets.validateCharge(body);
            if (invalid) return jsonAnswer(invalid);
            const b = body as { amount: number; qr_code: string | number };
            return jsonAnswer(wallets.charge(provider, b.amount, String(b.qr_code), now()).envelope);
          },
        });
      }
      if (path === `/payment/${provider}_confirm`) {
        return post({ call: `${provider}_confirm`, run: () => jsonAnswer(wallets.confirm(provider, body, now())) });
      }
    }
    switch (path) {
      case '/payment/xumo':
        return post(isReturn(body) ? pinpadCancel('humo', 'xumo_cancel', body, res) : pinpadCharge('humo', 'xumo', body, res));
      case '/payment/uzcard':
        return post(isReturn(body) ? pinpadCancel('uzcard', 'uzcard_return', body, res) : pinpadCharge('uzcard', 'uzcard', body, res));
      case '/payment/xumo_close':
        return get({ call: 'xumo_close', run: () => fiscal.rememberClose('humo', pinpads.close('humo', now())) });
      case '/payment/uzcard_close':
        return get({ call: 'uzcard_close', run: () => fiscal.rememberClose('uzcard', pinpads.close('uzcard', now())) });
      case '/payment/xumo_close/print_last':
        return get({ call: 'xumo_close_print_last', run: () => fiscal.printLastClose('humo') });
      case '/payment/uzcard_close/print_last':
        return get({ call: 'uzcard_close_print_last', run: () => fiscal.printLastClose('uzcard') });
      case '/payment/xumo_shortreport':
        return get({
          call: 'xumo_shortreport',
          run: () => jsonAnswer(fiscal.shortReport('humo', pinpads.list(), pinpads.shiftInfo().humo, now())),
        });
      case '/payment/uzcard_shortreport':
        return get({
          call: 'uzcard_shortreport',
          run: () => jsonAnswer(fiscal.shortReport('uzcard', pinpads.list(), pinpads.shiftInfo().uzcard, now())),
        });
      case '/payment/xumo/print_last':
        return get({ call: 'xumo_print_last', run: () => pinpads.printLast('humo') });
      case '/payment/uzcard/print_last':
        return get({ call: 'uzcard_print_last', run: () => pinpads.printLast('uzcard') });
      case '/payment/qr_pay':
        return post({ call: 'qr_pay', run: () => jsonAnswer(scan2pay.create(body, now())) });
      case '/payment/qr_pay/status':
        return post({ call: 'qr_pay_status', run: () => jsonAnswer(scan2pay.status(body, settings.scan2payPaidAfterPolls, now())) });
      case '/payment/one_qr/create':
        return post({ call: 'one_qr_create', run: () => jsonAnswer(uzqr.create(body, now())) });
      case '/payment/one_qr/status':
        return get({
          call: 'one_qr_status',
          run: async () => {
            const store = uzqr;
            const gone = new Promise<void>((resolve) => res.once('close', () => resolve()));
            return jsonAnswer(await store.status(query.get('invoice_id'), settings.uzqrHoldMs, gone));
          },
        });
      case '/payment/one_qr/cancel':
        return post({ call: 'one_qr_cancel', run: () => jsonAnswer(uzqr.cancel(body, now())) });
      case '/payment/one_qr/receipt':
        return post({ call: 'one_qr_receipt', run: () => jsonAnswer(uzqr.receipt(body)) });
      case '/payment/one_qr/refund':
        return post({ call: 'one_qr_refund', run: () => jsonAnswer(uzqr.refund(body, now(), settings.uzqrRefundAboveRemaining)) });
      case '/payment/one_qr/refund/status':
        return get({
          call: 'one_qr_refund_status',
          run: () => jsonAnswer(uzqr.refundStatus(query.get('refund_id'), settings.uzqrRefundPendingPolls)),
        });
      case '/order/create':
        return post({ call: 'order_create', run: () => createReceipt(body) });
      case '/okm/validation':
        return post({ call: 'okm_validation', run: () => okm.validate(body) });
      case '/order/refuse':
        return post({ call: 'order_refuse', run: () => refuseReceipt(body) });
      case '/print/banner':
        return post({ call: 'print_banner', run: () => jsonAnswer(fiscal.printBanners(body)) });
      case '/order/last':
        return get({
          call: 'order_last',
          run: () => {
            // The vendor wraps this call's whole envelope in "result" (order.md).
            const wrapped = receipts.last(settings);
            return { ...jsonAnswer(wrapped.result), body: JSON.stringify(wrapped) };
          },
        });
      case '/order/print':
        return get({ call: 'order_print', run: () => jsonAnswer(fiscal.printLastReceipt(receipts.list().length > 0)) });
      case '/info':
        return get({ call: 'info', run: () => jsonAnswer(fiscal.info(now())) });
      case '/zreport/open':
        return get({ call: 'zreport_open', run: () => jsonAnswer(fiscal.open(query.get('time'), now())) });
      case '/zreport/close':
        if (method !== 'GET' && method !== 'POST') return 'method';
        return { call: 'zreport_close', run: () => fiscal.close(query.get('time'), body, method, now()) };
      case '/zreport/info':
        return get({ call: 'zreport_info', run: () => fiscal.shiftInfo() });
      default:
        return 'not_found';
    }
  }

  /** The answer a fault puts in place of the normal one (for the faults that skip the normal handling). */
  async function faultAnswer(call: CallName, fault: Fault, body: unknown, res: ServerResponse): Promise<Answer> {
    switch (fault.fault) {
      case 'decline': {
        if (call === 'okm_validation') return okmRefusal(fault.code);
        if ((walletProviders as readonly string[]).includes(call)) {
          return jsonAnswer(walletDecline(call as WalletProvider, fault.code), 'decline');
        }
        const pinpad: PinpadKind | null = call.startsWith('xumo') ? 'humo' : call.startsWith('uzcard') ? 'uzcard' : null;
        if (pinpad && (call === 'xumo' || call === 'uzcard' || call === 'xumo_cancel' || call === 'uzcard_return')) {
          await pinpadDelay(res);
          const amount = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['amount'] : 0;
          return pinpads.decline(pinpad, typeof amount === 'number' ? amount : 0, fault.code ?? '116', now());
        }
        return jsonAnswer(fail(106, 'PAYMENT_ERROR'), 'decline');
      }
      case 'billing':
        return jsonAnswer(fail(104, 'BILLING_ERROR'), 'billing');
      case 'validation':
        return jsonAnswer(validationError({ [validationFieldFor(call)]: ['This field may not be blank.'] }), 'validation');
      case 'receipt_error': {
        const code = fault.code !== undefined && /^\d+$/.test(fault.code) ? fault.code : '102';
        return jsonAnswer(fail(Number(code), receiptErrorMessages[code] ?? 'Fiscal module error'), 'receipt_error');
      }
      case 'http500':
      case 'http500_after_charge':
        return textAnswer('Internal Server Error', fault.fault, 500, 'text/plain; charset=utf-8');
      case 'uzqr_error':
        return jsonAnswer(uzqrError(fault.code !== undefined && /^\d+$/.test(fault.code) ? fault.code : '9001'), 'uzqr_error');
      case 'html':
        return textAnswer(htmlErrorPage, 'html', 200, 'text/html; charset=utf-8');
      case 'malformed':
        return textAnswer('{"data": {"status": "successfully", "message": "successfully pay', 'malformed');
      case 'hang':
      case 'hang_after_charge':
      case 'delay':
        // Handled by the caller; never reached.
        return textAnswer('', fault.fault, 500, 'text/plain');
    }
  }

  /** Holds the request open until the client disconnects (or the cap passes, then drops the connection). */
  function hang(res: ServerResponse): Promise<void> {
    if (res.destroyed || res.socket?.destroyed) return Promise.resolve();
    openHangs += 1;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        res.off('close', done);
        openHangs -= 1;
        resolve();
      };
      const timer = setTimeout(() => res.destroy(), hangCapMs);
      res.on('close', done);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    // The trailing slash is part of the path, as on the real gateway (vendor-paths.ts): a wrong one is not found.
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const rawPath = url.pathname;
    const path = routePath(rawPath) ?? '/__wrong-trailing-slash';
    const query = url.searchParams;
    let body: ParsedBody = { value: null, json: false };
    try {
      body = await readBody(req);
    } catch (error) {
      writeAnswer(res, textAnswer(String(error), 'bad_request', 413, 'text/plain'));
      return;
    }
    const logEntry = (call: string, answer: string): void => {
      const entry = log.add({ at: now().toISOString(), call, method, path: rawPath, body: body.value, answer });
      options.onRequest?.(entry);
    };
    if (method === 'POST' && body.value !== null && !body.json) {
      // Unparsable JSON: DRF answers a parse error; no call can be told apart, so none is faulted.
      const route = findRoute(method, path, null, res);
      const answer = jsonAnswer(validationError({ non_field_errors: ['JSON parse error'] }));
      logEntry(typeof route === 'object' ? route.call : 'unknown', answer.kind);
      writeAnswer(res, answer);
      return;
    }
    const route = findRoute(method, path, body.value, res, query);
    if (route === 'not_found' || route === 'method') {
      const status = route === 'not_found' ? 404 : 405;
      const answer = jsonAnswer(fail(status, route === 'not_found' ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED'), route);
      answer.status = status;
      logEntry('unknown', route);
      writeAnswer(res, answer);
      return;
    }
    const fault = faults.take(route.call);
    try {
      if (!fault) {
        const answer = await route.run();
        logEntry(route.call, answer.kind);
        writeAnswer(res, answer);
        return;
      }
      switch (fault.fault) {
        case 'delay': {
          await waitWhileConnected(res, fault.ms ?? 1000);
          const answer = await route.run();
          logEntry(route.call, `delay:${answer.kind}`);
          writeAnswer(res, answer);
          return;
        }
        case 'hang':
          logEntry(route.call, 'hang');
          await hang(res);
          return;
        case 'hang_after_charge': {
          // The gateway did the work (money moved, receipt registered) and the answer never arrives.
          const done = await route.run();
          logEntry(route.call, `hang_after_charge:${done.kind}`);
          await hang(res);
          return;
        }
        case 'http500_after_charge': {
          const done = await route.run();
          logEntry(route.call, `http500_after_charge:${done.kind}`);
          writeAnswer(res, await faultAnswer(route.call, fault, body.value, res));
          return;
        }
        default: {
          const answer = await faultAnswer(route.call, fault, body.value, res);
          logEntry(route.call, answer.kind);
          writeAnswer(res, answer);
        }
      }
    } catch (error) {
      logEntry(route.call, 'sim_error');
      writeAnswer(res, textAnswer(`simulator error: ${String(error)}`, 'sim_error', 500, 'text/plain; charset=utf-8'));
    }
  }

  function addFault(request: FaultRequest): void {
    const parsed = parseFaultRequest(request);
    if (!parsed.ok) throw new Error(parsed.error);
    faults.add(parsed.fault);
  }

  function updateSettings(patch: Partial<SimulatorSettings>): void {
    const parsed = parseSettingsPatch(patch);
    if (!parsed.ok) throw new Error(parsed.error);
    applySettings(parsed.patch);
  }

  function applySettings(patch: Partial<SimulatorSettings>): void {
    settings = { ...settings, ...patch };
    if (patch.fiscalShiftOpenAtStart !== undefined) fiscal.setShiftAtStart(patch.fiscalShiftOpenAtStart, now());
  }

  function snapshot(): SimulatorState {
    return {
      settings: { ...settings },
      walletPayments: wallets.list(),
      pinpadPayments: pinpads.list(),
      shifts: pinpads.shiftInfo(),
      scan2payOrders: scan2pay.list(),
      receipts: receipts.list(),
      receiptRepeats: receipts.repeatCount,
      zreportOpen: fiscal.isShiftOpen,
      refundReceipts: fiscal.listRefunds(),
      bannerPrints: fiscal.listBanners(),
      faults: faults.list(),
      openHangs,
      uzqrInvoices: uzqr.invoiceList(),
      uzqrRefunds: uzqr.refundList(),
      uzqrHeldPolls: uzqr.heldPolls,
      requestCount: log.size,
    };
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, query } = splitUrl(req.url);
    let body: ParsedBody;
    try {
      body = await readBody(req);
    } catch (error) {
      writeJson(res, 413, { ok: false, error: String(error) });
      return;
    }
    if (method === 'POST' && body.value !== null && !body.json) {
      writeJson(res, 400, { ok: false, error: 'body is not JSON' });
      return;
    }
    const value = body.value ?? {};
    const key = `${method} ${path}`;
    switch (key) {
      case 'GET /':
        writeAnswer(res, { kind: 'control', status: 200, contentType: 'text/html; charset=utf-8', body: controlPageHtml });
        return;
      case 'GET /state':
        writeJson(res, 200, snapshot());
        return;
      case 'GET /requests': {
        const call = query.get('call');
        writeJson(res, 200, log.list(call === null || call === '' ? undefined : call));
        return;
      }
      case 'GET /settings':
        writeJson(res, 200, { ...settings });
        return;
      case 'POST /reset':
        reset();
        writeJson(res, 200, { ok: true });
        return;
      case 'POST /fault': {
        const parsed = parseFaultRequest(value);
        if (!parsed.ok) {
          writeJson(res, 400, { ok: false, error: parsed.error });
          return;
        }
        faults.add(parsed.fault);
        writeJson(res, 200, { ok: true, faults: faults.list() });
        return;
      }
      case 'DELETE /faults':
      case 'POST /faults/clear':
        faults.clear();
        writeJson(res, 200, { ok: true });
        return;
      case 'POST /settings': {
        const parsed = parseSettingsPatch(value);
        if (!parsed.ok) {
          writeJson(res, 400, { ok: false, error: parsed.error });
          return;
        }
        applySettings(parsed.patch);
        writeJson(res, 200, { ok: true, settings });
        return;
      }
      case 'POST /scan2pay/pay': {
        const orderId = idField(value, 'order_id');
        if (orderId === undefined) {
          writeJson(res, 400, { ok: false, error: 'order_id is required' });
          return;
        }
        const paid = scan2pay.markPaid(orderId, now());
        writeJson(res, paid ? 200 : 404, paid ? { ok: true } : { ok: false, error: `no Scan2pay order ${orderId}` });
        return;
      }
      case 'POST /uzqr/pay':
      case 'POST /uzqr/decline': {
        // By invoice_id, or by the kiosk's external_id (the attempt id the test knows).
        const id = idField(value, 'invoice_id') ?? idField(value, 'external_id');
        if (id === undefined) {
          writeJson(res, 400, { ok: false, error: 'invoice_id or external_id is required' });
          return;
        }
        if (key === 'POST /uzqr/decline') {
          const declined = uzqr.markDeclined(id, now());
          writeJson(res, declined ? 200 : 404, declined ? { ok: true } : { ok: false, error: `no UzQR invoice ${id} in progress` });
          return;
        }
        const payer: { payerPhone?: string; cardType?: string; cardNo?: string } = {};
        const phone = idField(value, 'payer_phone');
        const cardType = idField(value, 'card_type');
        const cardNo = idField(value, 'card_no');
        if (phone !== undefined) payer.payerPhone = phone;
        if (cardType !== undefined) payer.cardType = cardType;
        if (cardNo !== undefined) payer.cardNo = cardNo;
        const paid = uzqr.markPaid(id, payer, now());
        writeJson(res, paid ? 200 : 404, paid ? { ok: true, invoice: paid } : { ok: false, error: `no UzQR invoice ${id} in progress` });
        return;
      }
      case 'POST /uzqr/refund': {
        const refundId = idField(value, 'refund_id');
        const state = (value as Record<string, unknown>)['status'];
        if (refundId === undefined || (state !== 'refunded' && state !== 'failed')) {
          writeJson(res, 400, { ok: false, error: "refund_id and status ('refunded' or 'failed') are required" });
          return;
        }
        const settled = uzqr.settleRefund(refundId, state);
        writeJson(res, settled ? 200 : 404, settled ? { ok: true } : { ok: false, error: `no pending UzQR refund ${refundId}` });
        return;
      }
      case 'POST /fiscal/close-shift':
        // The fiscal shift closed behind the kiosk's back (staff at another till, a restart of the module).
        fiscal.forceClose(now());
        writeJson(res, 200, { ok: true });
        return;
      case 'POST /shift/close': {
        const pinpad = (value as Record<string, unknown>)['pinpad'];
        if (pinpad !== 'humo' && pinpad !== 'uzcard') {
          writeJson(res, 400, { ok: false, error: "pinpad must be 'humo' or 'uzcard'" });
          return;
        }
        writeJson(res, 200, { ok: true, shift: pinpads.closeShift(pinpad, now()) });
        return;
      }
      default:
        writeJson(res, 404, { ok: false, error: `no control endpoint ${key}` });
    }
  }

  return {
    handle,
    handleControl,
    reset,
    get state() {
      return snapshot();
    },
    requests: (call) => log.list(call),
    addFault,
    updateSettings,
    markScan2payPaid: (orderId) => scan2pay.markPaid(orderId, now()),
    markUzqrPaid: (id) => uzqr.markPaid(id, {}, now()),
    closeShift: (pinpad) => pinpads.closeShift(pinpad, now()),
  };
}

export type { Envelope, SimulatorSettings, RequestLogEntry, CallName, PinpadKind };
