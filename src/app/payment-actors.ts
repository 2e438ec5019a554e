/**
 * The one place real side effects are plugged into the machines: gateway calls, the journal and the scanners.
 * Tests of the machines provide fakes instead; this file only connects.
 */
import { fromPromise } from 'xstate';
import type { KioskConfig } from '../config/load-config.ts';
import { pinpadCalls } from '../gateway/pinpad-calls.ts';
import type { Gateway, PinpadResult, Result, Scan2payCreated, Scan2payStatus, WalletPayment } from '../gateway/types.ts';
import { createCheckoutMachine } from '../machines/checkout.machine.ts';
import { createPinpadPaymentMachine, type PinpadChargeInput } from '../machines/pinpad.machine.ts';
import {
  createScan2payPaymentMachine,
  type Scan2payCreateInput,
  type Scan2payStatusInput,
} from '../machines/scan2pay.machine.ts';
import { createWalletPaymentMachine, type WalletChargeInput } from '../machines/wallet.machine.ts';
import {
  createUzqrPaymentMachine,
  type UzqrCreateInput,
  type UzqrCreatedInvoice,
  type UzqrInvoiceInput,
  type UzqrStatusAnswer,
} from '../machines/uzqr.machine.ts';
import type { UzqrCalls } from '../gateway/uzqr-calls.ts';
import { createJournalActors, type CheckoutJournalDeps } from '../journal/checkout-actors.ts';
import {
  cameraScannerActor,
  suspendableWedgeScanner,
  wedgeScannerActor,
  type Suspension,
} from '../scanner/scanner-actors.ts';
import type { OkmProduct, OkmSaleValidation } from '../gateway/okm-validation.ts';
import { clearBenchMarks, markForBench } from '../bench-marks.ts';

export interface WiringDeps extends CheckoutJournalDeps {
  gateway: Gateway;
  uzqr: UzqrCalls;
  config: KioskConfig;
  /**
   * Staff mode is open (app/environment.ts): the menu's hand-scanner reader stands aside, as staff mode's badge
   * gate reads the same scanner.
   */
  staffModeOpen: Suspension;
}

/**
 * The checkout machine with every actor real: what `Kiosk.svelte` runs. Each machine is built here, once, with its
 * actors: a module-level machine `.provide()`d here would build its whole state tree twice on the kiosk's cold
 * start (~50 ms of main thread at 4× CPU slowdown for the five machines, README "Benchmarks").
 */
export function wiredCheckoutMachine(deps: WiringDeps) {
  const { gateway, config } = deps;
  const journalActors = createJournalActors(deps);

  const wallet = createWalletPaymentMachine({
    // Scanners: scanner/scanner-actors.ts; the wallet machine itself ignores a staff badge.
    camera: cameraScannerActor,
    wedge: wedgeScannerActor,
    recordCharge: journalActors.recordCharge,
    charge: fromPromise<Result<WalletPayment>, WalletChargeInput>(({ input, signal }) => {
      // The charge request leaves the page right after this mark; only the newest one is kept.
      clearBenchMarks('wallet.chargeSent');
      markForBench('wallet.chargeSent');
      return gateway.walletPay(input.provider, input.amount, input.code, { signal, timeoutMs: input.timeoutMs });
    }),
  });
  const pinpad = createPinpadPaymentMachine({
    recordCharge: journalActors.recordCharge,
    charge: fromPromise<Result<PinpadResult>, PinpadChargeInput>(({ input, signal }) =>
      pinpadCalls(gateway, input.provider).pay(input.amount, { signal, timeoutMs: input.timeoutMs }),
    ),
  });
  const scan2pay = createScan2payPaymentMachine({
    recordCharge: journalActors.recordCharge,
    createQr: fromPromise<Result<Scan2payCreated>, Scan2payCreateInput>(({ input, signal }) =>
      gateway.scan2payCreate(input.amount, input.orderId, input.print, { signal }),
    ),
    checkStatus: fromPromise<Result<Scan2payStatus>, Scan2payStatusInput>(({ input, signal }) =>
      gateway.scan2payStatus(input.orderId, { signal, timeoutMs: input.timeoutMs }),
    ),
  });

  const { uzqr: uzqrCalls } = deps;
  const uzqr = createUzqrPaymentMachine({
    recordCharge: journalActors.recordCharge,
    createInvoice: fromPromise<Result<UzqrCreatedInvoice>, UzqrCreateInput>(({ input, signal }) =>
      uzqrCalls.create(input, { signal }),
    ),
    // The long poll: uzqr-calls.ts keeps it open up to its 150 s client timeout; leaving the QR aborts it.
    checkStatus: fromPromise<Result<UzqrStatusAnswer>, UzqrInvoiceInput>(({ input, signal }) =>
      uzqrCalls.status(input.invoiceId, { signal }),
    ),
    cancelInvoice: fromPromise<Result<unknown>, UzqrInvoiceInput>(({ input, signal }) => uzqrCalls.cancel(input.invoiceId, { signal })),
  });

  return createCheckoutMachine({
    // Loaded on first use, like the payment screens: only a shop selling marked goods with the check on needs it.
    validateMarkingCodes: fromPromise<OkmSaleValidation, { products: OkmProduct[] }>(async ({ input, signal }) => {
      const { createOkmValidator, validateSale } = await import('../gateway/okm-validation.ts');
      const okm = createOkmValidator({ baseUrl: config.gateway.url });
      return validateSale(okm.validate, input.products, { signal });
    }),
    walletPayment: wallet,
    pinpadPayment: pinpad,
    scan2payPayment: scan2pay,
    uzqrPayment: uzqr,
    cameraScanner: cameraScannerActor,
    wedgeScanner: suspendableWedgeScanner(deps.staffModeOpen),
    recordOutcome: journalActors.recordOutcome,
    registerReceipt: journalActors.registerReceipt,
    nextOrderNumber: journalActors.nextOrderNumber,
  });
}
