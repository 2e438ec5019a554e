/**
 * One customer's visit, end to end (DESIGN.md §3): attract → browse → choose a method → pay (a method machine)
 * → receipt → done. The checkout owns the cart, the journal entry and the after-payment steps; the method
 * machines know nothing of carts. Side effects are actors named here and provided by the app wiring
 * (`createJournalActors` gives the journal-backed ones); tests provide fakes.
 */
import { and, assign, emit, enqueueActions, forwardTo, fromCallback, fromPromise, not, raise, setup } from 'xstate';
import type { Catalog } from '../catalog/catalog-types.ts';
import { addToCart, cartTotal, removeFromCart, setQuantity, type Cart } from '../checkout/cart.ts';
import { orderedChoices, unmetGroups, type LineChoice } from '../checkout/line-choices.ts';
import { buildReceiptLines } from '../checkout/receipt-lines.ts';
import {
  addMarkedUnit,
  isMarked,
  markedProductForCode,
  reduceMarkedLine,
  type MarkingRefusal,
} from '../checkout/marked-cart.ts';
import { parseMarkingCode } from '../checkout/marking-code.ts';
import type { OkmProduct, OkmSaleValidation } from '../gateway/okm-validation.ts';
import { isHttpUrl } from '../domain/http-url.ts';
import { isPaymentMethod, isWallet, machineOf, type PaymentMachine } from '../domain/payment-methods.ts';
import type { PaymentMethod, PinpadProvider, ReceiptLine, WalletProvider } from '../gateway/types.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { AttemptDraft, Journal } from '../journal/journal.ts';
import type { DriveResult, Outbox } from '../journal/outbox.ts';
import { localDay } from '../journal/time.ts';
import { tiyin, type Tiyin } from '../money/money.ts';
import type { ChargeDraft, PaymentOutcome, RecordOutcomeInput } from './payment-outcome.ts';
import type { CameraScannerInput, CameraSettings, WedgeScannerInput } from '../scanner/scanner-actors.ts';
import { createPinpadPaymentMachine, type PinpadInput, type PinpadPaymentMachine } from './pinpad.machine.ts';
import { createScan2payPaymentMachine, type Scan2payInput, type Scan2payPaymentMachine } from './scan2pay.machine.ts';
import { createUzqrPaymentMachine, type UzqrInput, type UzqrPaymentMachine } from './uzqr.machine.ts';
import { createWalletPaymentMachine, type WalletInput, type WalletPaymentMachine } from './wallet.machine.ts';
import { unwiredActor } from './unwired-actor.ts';

export interface CheckoutInput {
  catalog: Catalog;
  /** The methods offered, in the order shown. */
  methods: PaymentMethod[];
  kioskName: string;
  /** Quiet time on the browsing screens before "are you still there?". */
  idleMs: number;
  /** How long that question waits before the session ends. Default 20 s. */
  idlePromptMs?: number;
  walletTimeoutMs: number;
  pinpadTimeoutMs: number;
  scan2pay: { pollMs: number; expiryMs: number; print: boolean };
  /** UzQR: how long its QR is shown before the kiosk cancels the invoice. Default 300 s. */
  uzqr?: { expiryMs: number };
  /** A total above this (tiyin) is refused before any charge (a guard against a wrong unit). */
  maxAmount: Tiyin;
  /** How long the done screen stays. Default 20 s. */
  doneMs?: number;
  /** Ask `/okm/validation` about the cart's marking codes before payment (config `markingCodes.validate`). */
  validateMarkingCodes?: boolean;
  /** What the customer is asked before paying (config `serviceModes`); empty: not asked. */
  serviceModes?: ServiceMode[];
  /** Products that cannot be ordered now (staff's sold-out list). */
  soldOut?: readonly string[];
  /** The kiosk's camera and decoder (config `camera`, `scanner.engine`); default: the back camera, zxing-wasm. */
  camera?: CameraSettings;
  /** What the hand scanner types for the GS1 separator (config `scanner.gsCharacter`). */
  gsCharacter?: string | undefined;
  /** Where new ids and the date come from (default `realSources`): the machine's assigns take them from here. */
  sources?: CheckoutSources;
}

/** Where the checkout's new values come from: given in the input, so a test can pass its own. */
export interface CheckoutSources {
  /** A new payment attempt's id (the journal's key and the receipt's uuid). */
  attemptId(): string;
  /** A new Scan2pay order id: digits only. */
  scan2payOrderId(): string;
  /** Now (the order-number day is the kiosk's local date). */
  now(): Date;
}

/**
 * Why a marked product's code was not taken, or why the sale of marked goods was stopped before payment:
 * the product it concerns, and the reason (the module's own text for an `/okm/validation` refusal).
 */
export type MarkingNotice =
  | { kind: 'scan'; productId: string; refusal: MarkingRefusal }
  | { kind: 'refused'; productId: string; code: string | null; message: string | null }
  | { kind: 'unavailable' };

/** Eat here or take away (config `serviceModes`). */
export type ServiceMode = 'eatIn' | 'takeAway';

export interface CheckoutContext {
  sources: CheckoutSources;
  catalog: Catalog;
  methods: PaymentMethod[];
  kioskName: string;
  idleMs: number;
  idlePromptMs: number;
  doneMs: number;
  walletTimeoutMs: number;
  pinpadTimeoutMs: number;
  scan2pay: { pollMs: number; expiryMs: number; print: boolean };
  uzqr: { expiryMs: number };
  maxAmount: Tiyin;
  serviceModes: ServiceMode[];
  /** Product ids staff marked sold out: they cannot be added, and a cart holding one cannot be paid. */
  soldOut: readonly string[];
  /** The customer's answer to the service-mode question, or null (not asked or not yet answered). */
  serviceMode: ServiceMode | null;
  cart: Cart;
  /** A message for the current screen (unknown barcode, a decline's reason, …), or null. */
  notice: MessageKey | null;
  method: PaymentMethod | null;
  /** The current (or last) payment attempt, the journal's key. */
  attemptId: string | null;
  /** Scan2pay's order id for the current attempt (digits only). */
  scan2payOrderId: string | null;
  /** The pickup number, allocated once per session at the first payment. */
  orderNumber: string | null;
  /** The cart total fixed when the customer pressed Pay, tiyin. */
  total: Tiyin;
  /** The receipt lines fixed with the total: what the journal records and the receipt carries. */
  lines: ReceiptLine[];
  /** The fiscal receipt's URL (http(s) only) for the done screen's QR. */
  receiptUrl: string | null;
  outcome: PaymentOutcome | null;
  validateMarkingCodes: boolean;
  /** The marked product whose marking code the customer is asked to scan (state `scanningMarkingCode`). */
  markingProductId: string | null;
  markingNotice: MarkingNotice | null;
  camera: CameraSettings;
  gsCharacter: string | undefined;
  /** What the menu's barcode camera reports (state `scanningProduct`), for its view. */
  productCameraStatus: string | null;
  /** The product whose choice sheet is open over the menu (state `choosingOptions`). */
  optionsProductId: string | null;
}

export type CheckoutEvent =
  | { type: 'checkout.start' }
  /** One more of a product; a product with options comes with the customer's choices (the choice sheet). */
  | { type: 'cart.add'; productId: string; choices?: readonly LineChoice[] }
  /** `productId`: the line's id, which is the product id for a line without choices (cart.ts `lineId`). */
  | { type: 'cart.remove'; productId: string }
  | { type: 'cart.setQuantity'; productId: string; quantity: number }
  | { type: 'service.choose'; mode: ServiceMode }
  /** Staff changed the sold-out list (sent by the wiring at any time). */
  | { type: 'soldOut.changed'; productIds: readonly string[] }
  /** A newer catalog passed validation: taken on the attract screen only, never under a cart. */
  | { type: 'catalog.update'; catalog: Catalog }
  | { type: 'cart.clear' }
  | { type: 'barcode.scanned'; code: string }
  /** The menu's "Scan a barcode": the camera reads one product barcode (state `scanningProduct`). */
  | { type: 'productScanner.open' }
  | { type: 'productScanner.close' }
  /** A product with options was tapped: its choice sheet opens over the menu (state `choosingOptions`). */
  | { type: 'options.open'; productId: string }
  | { type: 'options.close' }
  /** A marking code read while the kiosk asks for one (camera Data Matrix or hand scanner). */
  | { type: 'marking.scanned'; code: string }
  | { type: 'marking.dismiss' }
  | { type: 'user.activity' }
  | { type: 'idle.stay' }
  | { type: 'checkout.pay' }
  | { type: 'checkout.cancel' }
  | { type: 'method.choose'; method: PaymentMethod }
  | { type: 'user.back' }
  | { type: 'wallet.retry' }
  /** "Choose another method" on the wallet decline screen. */
  | { type: 'wallet.otherMethod' }
  | { type: 'scanner.decoded'; code: string; source?: string }
  | { type: 'scanner.status'; status: string }
  | { type: 'user.cancel' }
  /** The outbox registered the receipt after the first try failed (sent by the wiring). */
  | { type: 'receipt.recovered'; attemptId: string; receiptUrl: string | null }
  /** Staff resolved the attempt the kiosk is locked on (staff mode). */
  | { type: 'staff.resolved' }
  | { type: 'user.done' }
  /** The customer's "Done" on the receipt-trouble screen: the money is safe, staff hand over the receipt. */
  | { type: 'receiptTrouble.done' }
  /** Internal: the browsing screens were quiet for `idleMs` (the delayed event `restartIdleTimer` schedules). */
  | { type: 'idle.elapsed' }
  /**
   * Sent once by the wiring after a restart, while the kiosk shows attract: the customer who was paying when the
   * page went away sees where their payment stands (see `src/app/recovery-resume.ts`).
   */
  | RecoveryResumeEvent;

/**
 * A recent attempt a previous run left behind. `unknown`: the charge may have gone out (staff assist);
 * `paid` with `receiptRegistered`: the done screen; `paid` without: the receipt-trouble screen (the outbox
 * keeps trying and `receipt.recovered` moves it on).
 */
export interface RecoveryResumeEvent {
  type: 'recovery.resume';
  attemptId: string;
  method: PaymentMethod;
  total: Tiyin;
  orderNumber: string;
  outcome: 'unknown' | 'paid';
  receiptRegistered: boolean;
  receiptUrl: string | null;
}

export type CheckoutEmitted = { type: 'session.reset' };

export type WalletPaymentInput = WalletInput;
export type PinpadPaymentInput = PinpadInput;
export type Scan2payPaymentInput = Scan2payInput;
export type UzqrPaymentInput = UzqrInput;

export type { RecordOutcomeInput } from './payment-outcome.ts';

/** Whether the chosen method is paid through this payment child (the method table's `machine`). */
function paysWith(method: PaymentMethod | null, machine: PaymentMachine): boolean {
  return isPaymentMethod(method) && machineOf(method) === machine;
}

/** A URL from the gateway becomes a QR only if it is http(s) (DESIGN.md §1.6). */
function receiptQrUrl(url: string | null | undefined): string | null {
  return isHttpUrl(url) ? url : null;
}

/**
 * Digits only, as Scan2pay wants: the time in ms plus three random digits, 16 digits, which stays a safe integer
 * (payment.md sends it as one) until the year 2255 and differs for every attempt.
 */
function newScan2payOrderId(): string {
  return `${Date.now()}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
}

/** The kiosk's: random UUIDs, `newScan2payOrderId`, the wall clock. */
export const realSources: CheckoutSources = {
  attemptId: () => crypto.randomUUID(),
  scan2payOrderId: newScan2payOrderId,
  now: () => new Date(),
};

export type AfterPayment = 'receipt' | 'choosingMethod' | 'staffAssist';

const defaultCamera: CameraSettings = { facingMode: 'environment', engine: 'zxing-wasm' };

/**
 * Where a payment's outcome leads and what the customer is told. Exhaustive: an outcome this code does not
 * know goes to staff, never to the receipt.
 */
export function routeAfterPayment(outcome: PaymentOutcome | null): { next: AfterPayment; notice: MessageKey | null } {
  if (outcome === null) return { next: 'staffAssist', notice: 'payment.unknown' };
  switch (outcome.outcome) {
    case 'paid':
      return { next: 'receipt', notice: null };
    case 'declined':
      return { next: outcome.callStaff ? 'staffAssist' : 'choosingMethod', notice: outcome.messageKey };
    case 'unknown':
      return { next: 'staffAssist', notice: outcome.messageKey };
    case 'cancelled':
      return { next: 'choosingMethod', notice: null };
    case 'expired':
      return { next: 'choosingMethod', notice: 'scan2pay.expired' };
    default: {
      const never: never = outcome;
      void never;
      return { next: 'staffAssist', notice: 'payment.unknown' };
    }
  }
}

const crashed: PaymentOutcome = {
  outcome: 'unknown',
  error: null,
  messageKey: 'payment.unknown',
  detail: 'the payment machine failed',
};

function freshSession() {
  return {
    cart: [] as Cart,
    notice: null,
    method: null,
    attemptId: null,
    scan2payOrderId: null,
    orderNumber: null,
    total: tiyin(0),
    lines: [] as ReceiptLine[],
    receiptUrl: null,
    outcome: null,
    markingProductId: null,
    markingNotice: null,
    serviceMode: null,
    productCameraStatus: null,
    optionsProductId: null,
  } satisfies Partial<CheckoutContext>;
}

/** Unwired placeholders: the app wiring (app/payment-actors.ts) gives the real actors. */
const unwiredCheckoutActors = {
  // Placeholders that read nothing: the app provides `scanner/scanner-actors.ts`.
  cameraScanner: fromCallback<{ type: never }, CameraScannerInput>(() => undefined),
  wedgeScanner: fromCallback<{ type: never }, WedgeScannerInput | undefined>(() => undefined),
  nextOrderNumber: unwiredActor<string, { day: string }>('nextOrderNumber'),
  validateMarkingCodes: fromPromise<OkmSaleValidation, { products: OkmProduct[] }>(async () => ({
    result: { kind: 'unknown', problem: 'validateMarkingCodes not provided' },
    productIndex: null,
  })),
  recordOutcome: unwiredActor<void, RecordOutcomeInput>('recordOutcome'),
  registerReceipt: fromPromise<DriveResult, { attemptId: string }>(async () => ({
    ok: false,
    error: { kind: 'refused', problem: 'registerReceipt not provided' },
  })),
};

/**
 * The actors createCheckoutMachine takes; any left out keep their unwired placeholder. The method machines come
 * wired with their gateway and journal actors; unwired, nothing is ever charged (their `recordCharge` refuses).
 */
export type CheckoutActors = typeof unwiredCheckoutActors & {
  walletPayment: WalletPaymentMachine;
  pinpadPayment: PinpadPaymentMachine;
  scan2payPayment: Scan2payPaymentMachine;
  uzqrPayment: UzqrPaymentMachine;
};

/**
 * The checkout machine: menu, cart, method, the payment (a method machine invoked as a typed child), receipt, done.
 * `app/payment-actors.ts` builds it with every actor real; tests give fakes for the ones they drive.
 */
export function createCheckoutMachine(actors: Partial<CheckoutActors> = {}) {
  return setup({
    types: {
      context: {} as CheckoutContext,
      events: {} as CheckoutEvent,
      input: {} as CheckoutInput,
      emitted: {} as CheckoutEmitted,
      // `menu`: the menu is on screen (perhaps under a dialog or the idle question).
      tags: {} as 'menu',
      // Each child by id, so the screens read a typed snapshot (a wallet's context, Scan2pay's QR) with no casts.
      children: {} as {
        wallet: 'walletPayment';
        pinpad: 'pinpadPayment';
        scan2pay: 'scan2payPayment';
        uzqr: 'uzqrPayment';
        productCamera: 'cameraScanner';
        menuWedge: 'wedgeScanner';
      },
    },
    actors: {
      ...unwiredCheckoutActors,
      ...actors,
      // Built only when not given: the kiosk gives all four, so each machine's states are built once at start-up.
      walletPayment: actors.walletPayment ?? createWalletPaymentMachine(),
      pinpadPayment: actors.pinpadPayment ?? createPinpadPaymentMachine(),
      scan2payPayment: actors.scan2payPayment ?? createScan2payPaymentMachine(),
      uzqrPayment: actors.uzqrPayment ?? createUzqrPaymentMachine(),
    },
    delays: {
      idle: ({ context }) => context.idleMs,
      idlePrompt: ({ context }) => context.idlePromptMs,
      done: ({ context }) => context.doneMs,
    },
    guards: {
      cartNotEmpty: ({ context }) => context.cart.length > 0,
      productIsMarked: ({ context, event }) =>
        (event.type === 'cart.add' || event.type === 'cart.remove' || event.type === 'cart.setQuantity') &&
        isMarked(context.catalog, event.productId) &&
        // A sold-out marked product is not asked for its code: adding it is refused like any sold-out product.
        !(event.type === 'cart.add' && context.soldOut.includes(event.productId)),
      addsMarkedUnit: ({ context, event }) => {
        if (event.type !== 'cart.setQuantity' || !isMarked(context.catalog, event.productId)) return false;
        const line = context.cart.find((l) => l.productId === event.productId);
        return event.quantity > (line?.quantity ?? 0);
      },
      isMarkingCode: ({ event }) => event.type === 'barcode.scanned' && parseMarkingCode(event.code).ok,
      isMarkedProductBarcode: ({ context, event }) =>
        event.type === 'barcode.scanned' &&
        context.catalog.products.some(
          (p) => p.marked === true && p.barcode !== undefined && p.barcode === event.code && !context.soldOut.includes(p.id),
        ),
      needsMarkingValidation: ({ context }) => context.validateMarkingCodes && context.cart.some((l) => (l.labels?.length ?? 0) > 0),
      markingCodeFits: ({ context, event }) => event.type === 'marking.scanned' && markingAdd(context, event.code)?.ok === true,
      markingAccepted: ({ event }) => (event as { output?: OkmSaleValidation }).output?.result.kind === 'accepted',
      cartHasSoldOut: ({ context }) => context.cart.some((line) => context.soldOut.includes(line.productId)),
      asksServiceMode: ({ context }) => context.serviceModes.length > 0,
      serviceModeOffered: ({ context, event }) => event.type === 'service.choose' && context.serviceModes.includes(event.mode),
      methodOffered: ({ context, event }) => event.type === 'method.choose' && context.methods.includes(event.method),
      amountTooLarge: ({ context }) => context.total > context.maxAmount,
      amountPositive: ({ context }) => context.total > 0,
      hasOrderNumber: ({ context }) => context.orderNumber !== null,
      methodIsWallet: ({ context }) => paysWith(context.method, 'wallet'),
      methodIsPinpad: ({ context }) => paysWith(context.method, 'pinpad'),
      methodIsScan2pay: ({ context }) => paysWith(context.method, 'scan2pay'),
      methodIsUzqr: ({ context }) => paysWith(context.method, 'uzqr'),
      // A wallet said no and the customer may try again: the decline screen ("Scan again" / "Other method").
      walletDeclined: ({ context }) =>
        isWallet(context.method) && context.outcome?.outcome === 'declined' && !context.outcome.callStaff,
      productKnown: ({ context, event }) => event.type === 'options.open' && context.catalog.products.some((p) => p.id === event.productId),
      canRetryWallet: ({ context }) =>
        isWallet(context.method) &&
        context.methods.includes(context.method) &&
        context.outcome?.outcome === 'declined' &&
        !context.outcome.callStaff,
      next: ({ context }, params: { next: AfterPayment }) => routeAfterPayment(context.outcome).next === params.next,
      outcomeIsPaid: ({ context }) => context.outcome?.outcome === 'paid',
      receiptOk: ({ event }) => (event as { output?: DriveResult }).output?.ok === true,
      isCurrentAttempt: ({ context, event }) => event.type === 'receipt.recovered' && event.attemptId === context.attemptId,
      resumeUnknown: ({ event }) => event.type === 'recovery.resume' && event.outcome === 'unknown',
      resumeReceipted: ({ event }) => event.type === 'recovery.resume' && event.outcome === 'paid' && event.receiptRegistered,
      resumePaid: ({ event }) => event.type === 'recovery.resume' && event.outcome === 'paid',
    },
    actions: {
      endSession: assign(() => freshSession()),
      askForMarkingCode: assign(({ context, event }) => {
        const productId =
          event.type === 'barcode.scanned'
            ? (context.catalog.products.find((p) => p.marked === true && p.barcode === event.code)?.id ?? null)
            : 'productId' in event
              ? event.productId
              : null;
        return { markingProductId: productId, markingNotice: null, notice: null };
      }),
      addMarkingUnit: assign(({ context, event }) => {
        const added = event.type === 'marking.scanned' ? markingAdd(context, event.code) : null;
        if (!added?.ok) return {};
        return { cart: added.cart, markingProductId: null, markingNotice: null, notice: null };
      }),
      refuseMarkingCode: assign(({ context, event }) => {
        const added = event.type === 'marking.scanned' ? markingAdd(context, event.code) : null;
        if (!added || added.ok || context.markingProductId === null) return {};
        return { markingNotice: { kind: 'scan', productId: context.markingProductId, refusal: added.refusal } satisfies MarkingNotice };
      }),
      addByMarkingCode: assign(({ context, event }) => {
        if (event.type !== 'barcode.scanned') return {};
        const product = markedProductForCode(context.catalog, event.code);
        if (!product) return { notice: 'menu.unknownBarcode' as const };
        if (context.soldOut.includes(product.id)) return { notice: 'menu.soldOutNotice' as const };
        const added = addMarkedUnit(context.cart, product, event.code);
        if (added.ok) return { cart: added.cart, notice: null, markingNotice: null };
        return { markingNotice: { kind: 'scan', productId: product.id, refusal: added.refusal } satisfies MarkingNotice };
      }),
      fixOrder: assign(({ context }) => ({
        total: cartTotal(context.cart, context.catalog),
        lines: buildReceiptLines(context.cart, context.catalog),
        notice: null,
        outcome: null,
        markingNotice: null,
      })),
      emitReset: emit({ type: 'session.reset' } as const),
      clearNotice: assign({ notice: null }),
      // Any touch on the browsing screens counts as activity (restarts the idle timer through `shopping`).
      restartIdle: raise({ type: 'user.activity' } as const),
      // The idle timer is a delayed event, not `after`: restarting it re-enters no state, so a touch neither
      // restarts the menu's camera nor repeats a marking-code check in flight.
      restartIdleTimer: enqueueActions(({ enqueue }) => {
        enqueue.cancel('idleTimer');
        enqueue.raise({ type: 'idle.elapsed' }, { id: 'idleTimer', delay: 'idle' });
      }),
      stopIdleTimer: enqueueActions(({ enqueue }) => enqueue.cancel('idleTimer')),
      // A code the menu's readers took is handled like any barcode on the menu (a product, a marking code, …).
      scanAsBarcode: raise(({ event }) => ({ type: 'barcode.scanned' as const, code: event.type === 'scanner.decoded' ? event.code : '' })),
      // The sheet's "Add" goes to the menu, which adds it as any `cart.add` (a marked product asks for its code).
      addOnTheMenu: raise(({ event }) => event),
      // "Still there?" brings the bare menu back (no camera, no sheet): the idle event goes round through `browsing`.
      idleFromBrowsing: raise({ type: 'idle.elapsed' } as const),
      setRouteNotice: assign({ notice: ({ context }) => routeAfterPayment(context.outcome).notice }),
      resumeAttempt: assign(({ event }) => {
        if (event.type !== 'recovery.resume') return {};
        return {
          ...freshSession(),
          attemptId: event.attemptId,
          method: event.method,
          total: event.total,
          orderNumber: event.orderNumber,
          receiptUrl: receiptQrUrl(event.receiptUrl),
        };
      }),
    },
  }).createMachine({
    id: 'checkout',
    context: ({ input }) => ({
      sources: input.sources ?? realSources,
      catalog: input.catalog,
      methods: input.methods,
      kioskName: input.kioskName,
      idleMs: input.idleMs,
      idlePromptMs: input.idlePromptMs ?? 20_000,
      doneMs: input.doneMs ?? 20_000,
      walletTimeoutMs: input.walletTimeoutMs,
      pinpadTimeoutMs: input.pinpadTimeoutMs,
      scan2pay: input.scan2pay,
      uzqr: input.uzqr ?? { expiryMs: 300_000 },
      maxAmount: input.maxAmount,
      validateMarkingCodes: input.validateMarkingCodes ?? false,
      serviceModes: input.serviceModes ?? [],
      soldOut: input.soldOut ?? [],
      camera: input.camera ?? defaultCamera,
      gsCharacter: input.gsCharacter,
      ...freshSession(),
    }),
    initial: 'attract',
    on: {
      'soldOut.changed': { actions: assign({ soldOut: ({ event }) => [...event.productIds] }) },
    },
    states: {
      attract: {
        on: {
          'catalog.update': { actions: assign({ catalog: ({ event }) => event.catalog }) },
          'checkout.start': { target: 'shopping', actions: 'clearNotice' },
          'recovery.resume': [
            { guard: 'resumeUnknown', target: 'staffAssist', actions: ['resumeAttempt', assign({ notice: 'payment.interrupted' })] },
            { guard: 'resumeReceipted', target: 'done', actions: 'resumeAttempt' },
            { guard: 'resumePaid', target: 'receiptTrouble', actions: 'resumeAttempt' },
          ],
        },
      },
      // The only place the idle timer runs (DESIGN.md §1.8): money never moves here.
      shopping: {
        initial: 'browsing',
        entry: 'restartIdleTimer',
        exit: 'stopIdleTimer',
        on: {
          'user.activity': { actions: 'restartIdleTimer' },
          'idle.elapsed': 'idlePrompt',
          'checkout.cancel': { target: 'attract', actions: ['endSession', 'emitReset'] },
        },
        states: {
          // "Still there?" answered: back to the same screen.
          hist: { type: 'history', history: 'shallow' },
          browsing: {
            tags: ['menu'],
            // A hand scanner on the menu adds products by barcode.
            invoke: { id: 'menuWedge', src: 'wedgeScanner', input: ({ context }) => ({ gsCharacter: context.gsCharacter }) },
            on: {
              'productScanner.open': 'scanningProduct',
              'options.open': { guard: 'productKnown', target: 'choosingOptions', actions: assign({ optionsProductId: ({ event }) => event.productId }) },
              'scanner.decoded': { actions: 'scanAsBarcode' },
              'cart.add': [
                // A marked product is added only with its marking code: ask for it.
                { guard: 'productIsMarked', target: 'scanningMarkingCode', actions: 'askForMarkingCode' },
                { actions: [assign(({ context, event }) => addProduct(context, event.productId, event.choices)), 'restartIdle'] },
              ],
              'cart.remove': [
                {
                  guard: 'productIsMarked',
                  actions: [assign(({ context, event }) => ({ cart: reduceMarkedLine(context.cart, event.productId, quantityOf(context.cart, event.productId) - 1), notice: null })), 'restartIdle'],
                },
                { actions: [assign(({ context, event }) => cartChange(context.cart, removeFromCart(context.cart, event.productId))), 'restartIdle'] },
              ],
              'cart.setQuantity': [
                { guard: 'addsMarkedUnit', target: 'scanningMarkingCode', actions: 'askForMarkingCode' },
                {
                  guard: 'productIsMarked',
                  actions: [assign(({ context, event }) => ({ cart: reduceMarkedLine(context.cart, event.productId, event.quantity), notice: null })), 'restartIdle'],
                },
                {
                  actions: [
                    assign(({ context, event }) => cartChange(context.cart, setQuantity(context.cart, event.productId, event.quantity))),
                    'restartIdle',
                  ],
                },
              ],
              'marking.dismiss': { actions: assign({ markingNotice: null }) },
              'cart.clear': { actions: [assign({ cart: [], notice: null }), 'restartIdle'] },
              'barcode.scanned': [
                // A hand scanner read a pack's marking code on the menu: the product and its code in one go.
                { guard: 'isMarkingCode', actions: ['addByMarkingCode', 'restartIdle'] },
                // A marked product's shop barcode: its marking code is still needed.
                { guard: 'isMarkedProductBarcode', target: 'scanningMarkingCode', actions: 'askForMarkingCode' },
                {
                  actions: [
                    assign(({ context, event }) => {
                      const product = context.catalog.products.find((p) => p.barcode !== undefined && p.barcode === event.code);
                      if (!product) return { notice: 'menu.unknownBarcode' as const };
                      return addProduct(context, product.id, undefined);
                    }),
                    'restartIdle',
                  ],
                },
              ],
              'checkout.pay': [
                { guard: not('cartNotEmpty') },
                // A product that sold out while it was in the cart is flagged; the customer removes it first.
                { guard: 'cartHasSoldOut', actions: [assign({ notice: 'menu.cart.soldOutNotice' }), 'restartIdle'] },
                { guard: 'needsMarkingValidation', target: 'validatingMarkingCodes', actions: 'fixOrder' },
                { guard: 'asksServiceMode', target: 'choosingService', actions: 'fixOrder' },
                { target: 'choosingMethod', actions: 'fixOrder' },
              ],
            },
          },
          // The menu's camera reads one product barcode: one read is one item, and the camera closes. Leaving the
          // state (Close, a read, idle, cancel) releases the camera.
          scanningProduct: {
            tags: ['menu'],
            entry: assign({ productCameraStatus: null }),
            invoke: [
              { id: 'productCamera', src: 'cameraScanner', input: ({ context }) => ({ ...context.camera, formats: 'product' as const }) },
              { id: 'menuWedge', src: 'wedgeScanner', input: ({ context }) => ({ gsCharacter: context.gsCharacter }) },
            ],
            on: {
              'scanner.decoded': { target: 'browsing', actions: 'scanAsBarcode' },
              'scanner.status': { actions: assign({ productCameraStatus: ({ event }) => event.status }) },
              'productScanner.close': 'browsing',
              'user.back': 'browsing',
              'idle.elapsed': { target: 'browsing', actions: 'idleFromBrowsing' },
            },
          },
          // A product's choice sheet over the menu; its "Add" is the menu's `cart.add` with the choices.
          choosingOptions: {
            tags: ['menu'],
            exit: assign({ optionsProductId: null }),
            on: {
              'cart.add': { target: 'browsing', actions: 'addOnTheMenu' },
              'options.close': 'browsing',
              'user.back': 'browsing',
              'idle.elapsed': { target: 'browsing', actions: 'idleFromBrowsing' },
            },
          },
          // A marked product waits for its marking code (one per unit): camera Data Matrix or hand scanner.
          scanningMarkingCode: {
            tags: ['menu'],
            on: {
              'marking.scanned': [
                { guard: 'markingCodeFits', target: 'browsing', actions: ['addMarkingUnit', 'restartIdle'] },
                { actions: ['refuseMarkingCode', 'restartIdle'] },
              ],
              'user.back': { target: 'browsing', actions: assign({ markingProductId: null, markingNotice: null }) },
            },
          },
          // `/okm/validation` (config `markingCodes.validate`) before any charge: a refusal names the product.
          validatingMarkingCodes: {
            tags: ['menu'],
            invoke: {
              src: 'validateMarkingCodes',
              input: ({ context }: { context: CheckoutContext }) => ({ products: okmProductsOf(context) }),
              onDone: [
                { guard: and(['markingAccepted', 'asksServiceMode']), target: 'choosingService' },
                { guard: 'markingAccepted', target: 'choosingMethod' },
                {
                  target: 'browsing',
                  actions: assign(({ context, event }) => ({ markingNotice: markingNoticeOf(context, event.output) })),
                },
              ],
              onError: { target: 'browsing', actions: assign({ markingNotice: { kind: 'unavailable' } as MarkingNotice }) },
            },
          },
          // Eat here or take away: asked once before payment when `serviceModes` is set.
          choosingService: {
            on: {
              'service.choose': {
                guard: 'serviceModeOffered',
                target: 'choosingMethod',
                actions: assign({ serviceMode: ({ event }) => event.mode }),
              },
              'user.back': { target: 'browsing', actions: 'clearNotice' },
            },
          },
          choosingMethod: {
            on: {
              'method.choose': [
                { guard: not('methodOffered'), actions: 'restartIdle' },
                {
                  guard: 'amountTooLarge',
                  actions: [assign({ notice: 'payment.amountTooLarge', method: ({ event }) => event.method }), 'restartIdle'],
                },
                { guard: not('amountPositive'), actions: 'restartIdle' },
                {
                  guard: 'hasOrderNumber',
                  target: '#checkout.paying',
                  actions: assign({ method: ({ event }) => event.method, notice: null }),
                },
                { target: '#checkout.allocatingOrderNumber', actions: assign({ method: ({ event }) => event.method, notice: null }) },
              ],
              'user.back': { target: 'browsing', actions: 'clearNotice' },
            },
          },
          // A wallet declined (the reason in `notice`): scan again with the same wallet, or choose another method.
          walletDeclined: {
            on: {
              // "Scan again": a fresh attempt with the same provider.
              'wallet.retry': { guard: 'canRetryWallet', target: '#checkout.paying' },
              // The method list keeps the reason.
              'wallet.otherMethod': 'choosingMethod',
            },
          },
        },
      },
      idlePrompt: {
        // The menu stays behind the question.
        tags: ['menu'],
        after: { idlePrompt: { target: 'attract', actions: ['endSession', 'emitReset'] } },
        on: {
          'user.activity': 'shopping.hist',
          'idle.stay': 'shopping.hist',
        },
      },
      allocatingOrderNumber: {
        invoke: {
          src: 'nextOrderNumber',
          input: ({ context }) => ({ day: localDay(context.sources.now()) }),
          onDone: { target: 'paying', actions: assign({ orderNumber: ({ event }) => event.output }) },
          onError: { target: 'shopping.choosingMethod', actions: assign({ notice: 'journal.unavailable' }) },
        },
      },
      paying: {
        entry: assign({
          attemptId: ({ context }) => context.sources.attemptId(),
          scan2payOrderId: ({ context }) => context.sources.scan2payOrderId(),
          outcome: null,
          notice: null,
        }),
        initial: 'route',
        states: {
          route: {
            always: [
              { guard: 'methodIsWallet', target: 'wallet' },
              { guard: 'methodIsPinpad', target: 'pinpad' },
              { guard: 'methodIsScan2pay', target: 'scan2pay' },
              { guard: 'methodIsUzqr', target: 'uzqr' },
              { target: '#checkout.shopping.choosingMethod' },
            ],
          },
          wallet: {
            on: {
              'scanner.decoded': { actions: forwardTo('wallet') },
              'scanner.status': { actions: forwardTo('wallet') },
              'user.cancel': { actions: forwardTo('wallet') },
            },
            invoke: {
              id: 'wallet',
              src: 'walletPayment',
              input: ({ context }: { context: CheckoutContext }) =>
                ({
                  draft: chargeDraftOf(context, context.method as WalletProvider),
                  timeoutMs: context.walletTimeoutMs,
                  camera: context.camera,
                }) satisfies WalletPaymentInput,
              onDone: { target: '#checkout.settling', actions: assign({ outcome: ({ event }) => event.output }) },
              onError: { target: '#checkout.settling', actions: assign({ outcome: crashed }) },
            },
          },
          pinpad: {
            on: { 'user.cancel': { actions: forwardTo('pinpad') } },
            invoke: {
              id: 'pinpad',
              src: 'pinpadPayment',
              input: ({ context }: { context: CheckoutContext }) =>
                ({
                  draft: chargeDraftOf(context, context.method as PinpadProvider),
                  timeoutMs: context.pinpadTimeoutMs,
                }) satisfies PinpadPaymentInput,
              onDone: { target: '#checkout.settling', actions: assign({ outcome: ({ event }) => event.output }) },
              onError: { target: '#checkout.settling', actions: assign({ outcome: crashed }) },
            },
          },
          scan2pay: {
            on: { 'user.cancel': { actions: forwardTo('scan2pay') } },
            invoke: {
              id: 'scan2pay',
              src: 'scan2payPayment',
              input: ({ context }: { context: CheckoutContext }) =>
                ({
                  draft: chargeDraftOf(context, 'scan2pay'),
                  orderId: context.scan2payOrderId ?? context.sources.scan2payOrderId(),
                  print: context.scan2pay.print,
                  pollMs: context.scan2pay.pollMs,
                  expiryMs: context.scan2pay.expiryMs,
                }) satisfies Scan2payPaymentInput,
              onDone: { target: '#checkout.settling', actions: assign({ outcome: ({ event }) => event.output }) },
              onError: { target: '#checkout.settling', actions: assign({ outcome: crashed }) },
            },
          },
          uzqr: {
            on: { 'user.cancel': { actions: forwardTo('uzqr') } },
            invoke: {
              id: 'uzqr',
              src: 'uzqrPayment',
              input: ({ context }: { context: CheckoutContext }) =>
                ({
                  draft: chargeDraftOf(context, 'uzqr'),
                  expiryMs: context.uzqr.expiryMs,
                }) satisfies UzqrPaymentInput,
              onDone: { target: '#checkout.settling', actions: assign({ outcome: ({ event }) => event.output }) },
              onError: { target: '#checkout.settling', actions: assign({ outcome: crashed }) },
            },
          },
        },
      },
      // Writes the outcome to the journal before anything else happens: a paid attempt must be "paid" there
      // before the outbox can register its receipt.
      settling: {
        invoke: {
          src: 'recordOutcome',
          input: ({ context }): RecordOutcomeInput => ({
            draft: chargeDraftOf(context, methodOf(context)),
            outcome: context.outcome ?? crashed,
          }),
          onDone: [
            { guard: { type: 'next', params: { next: 'receipt' } }, target: 'receipt', actions: 'setRouteNotice' },
            { guard: 'walletDeclined', target: 'shopping.walletDeclined', actions: 'setRouteNotice' },
            { guard: { type: 'next', params: { next: 'choosingMethod' } }, target: 'shopping.choosingMethod', actions: 'setRouteNotice' },
            { target: 'staffAssist', actions: 'setRouteNotice' },
          ],
          onError: [
            // Paid but not written as paid: the outbox cannot drive it, so staff must (the payment is safe).
            { guard: 'outcomeIsPaid', target: 'receiptTrouble' },
            { guard: 'walletDeclined', target: 'shopping.walletDeclined', actions: 'setRouteNotice' },
            { guard: { type: 'next', params: { next: 'choosingMethod' } }, target: 'shopping.choosingMethod', actions: 'setRouteNotice' },
            { target: 'staffAssist', actions: 'setRouteNotice' },
          ],
        },
      },
      receipt: {
        invoke: {
          src: 'registerReceipt',
          input: ({ context }) => ({ attemptId: attemptIdOf(context) }),
          onDone: [
            {
              guard: 'receiptOk',
              target: 'done',
              actions: assign({ receiptUrl: ({ event }) => (event.output.ok ? receiptQrUrl(event.output.receipt.qrUrl) : null) }),
            },
            { target: 'receiptTrouble' },
          ],
          onError: 'receiptTrouble',
        },
      },
      // The money is taken and safe in the journal; the outbox keeps trying. The customer is asked to call staff.
      receiptTrouble: {
        on: {
          'receipt.recovered': {
            guard: 'isCurrentAttempt',
            target: 'done',
            actions: assign({ receiptUrl: ({ event }) => receiptQrUrl(event.receiptUrl) }),
          },
          'staff.resolved': { target: 'attract', actions: ['endSession', 'emitReset'] },
          'receiptTrouble.done': { target: 'attract', actions: ['endSession', 'emitReset'] },
        },
      },
      // The charge may have happened: the kiosk stays locked for this customer until staff resolve it.
      staffAssist: {
        on: { 'staff.resolved': { target: 'attract', actions: ['endSession', 'emitReset'] } },
      },
      done: {
        after: { done: { target: 'attract', actions: ['endSession', 'emitReset'] } },
        on: { 'user.done': { target: 'attract', actions: ['endSession', 'emitReset'] } },
      },
    },
  });
}

export type CheckoutMachine = ReturnType<typeof createCheckoutMachine>;

function attemptIdOf(context: CheckoutContext): string {
  if (context.attemptId === null) throw new Error('checkout: no attempt id');
  return context.attemptId;
}

function methodOf(context: CheckoutContext): PaymentMethod {
  if (context.method === null) throw new Error('checkout: no payment method');
  return context.method;
}

/**
 * The attempt being paid, as the method machine gets it and hands it to the journal: fixed when the customer
 * chose the method, so the record, the charge and the screens read one value.
 */
export function chargeDraftOf<M extends PaymentMethod>(context: CheckoutContext, method: M): ChargeDraft<M> {
  if (context.orderNumber === null) throw new Error('checkout: no order number');
  return {
    attemptId: attemptIdOf(context),
    method,
    total: context.total,
    lines: context.lines,
    orderNumber: context.orderNumber,
    ...(context.serviceMode ? { serviceMode: context.serviceMode } : {}),
  };
}

function quantityOf(cart: Cart, productId: string): number {
  return cart.find((l) => l.productId === productId)?.quantity ?? 0;
}

/** The cart with the product being asked for plus one unit with `code`, or why the code is refused. */
function markingAdd(context: CheckoutContext, code: string): ReturnType<typeof addMarkedUnit> | null {
  const product = context.catalog.products.find((p) => p.id === context.markingProductId);
  return product ? addMarkedUnit(context.cart, product, code) : null;
}

function markedLines(context: CheckoutContext): Cart {
  return context.cart.filter((l) => (l.labels?.length ?? 0) > 0);
}

/** The cart's marking codes grouped per product (one entry per marked line), as `/okm/validation` wants them. */
function okmProductsOf(context: CheckoutContext): OkmProduct[] {
  return markedLines(context).flatMap((line) => {
    const labels = line.labels ?? [];
    const product = context.catalog.products.find((p) => p.id === line.productId);
    if (labels.length === 0 || !product) return [];
    const parsed = labels.map((l) => parseMarkingCode(l)).flatMap((r) => (r.ok ? [r.code] : []));
    return [
      {
        productCode: product.fiscal.classCode,
        packageCode: product.fiscal.packageCode,
        kmIds: parsed.map((c) => c.identification),
        fullKmIds: parsed.map((c) => c.full),
      },
    ];
  });
}

/** A refusal from `/okm/validation` as the customer sees it: the product it concerns and the module's text. */
function markingNoticeOf(context: CheckoutContext, output: OkmSaleValidation): MarkingNotice {
  const { result, productIndex } = output;
  if (result.kind !== 'refused') return { kind: 'unavailable' };
  const lines = markedLines(context);
  // When the module could not be made to say which product (see validateSale), the first marked one is named.
  const line = lines[productIndex ?? 0] ?? lines[0];
  return { kind: 'refused', productId: line?.productId ?? '', code: result.code, message: result.message };
}

/**
 * One more of a product: refused with a notice when it is sold out or its choices do not meet the groups'
 * min/max (the sheet prevents that; a barcode scan of a product with required options cannot choose).
 */
function addProduct(context: CheckoutContext, productId: string, choices: readonly LineChoice[] | undefined): Partial<CheckoutContext> {
  if (context.soldOut.includes(productId)) return { notice: 'menu.soldOutNotice' };
  const product = context.catalog.products.find((p) => p.id === productId);
  if (!product) return {};
  const picked = orderedChoices(product, choices ?? []);
  if (unmetGroups(product, picked).length > 0) return { notice: 'menu.chooseOptionsNotice' };
  return cartChange(context.cart, addToCart(context.cart, productId, picked));
}

function cartChange(before: Cart, after: Cart): Partial<CheckoutContext> {
  // The cart functions hand back the same cart when a limit refuses the change.
  return after === before ? { notice: 'checkout.cartLimit' } : { cart: after, notice: null };
}
