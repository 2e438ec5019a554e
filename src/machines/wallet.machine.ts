/**
 * One wallet QR payment (Click Pass, Payme Go, Uzum FastPay, AnorCheck): scan the customer's code, journal
 * the attempt, send one charge. `charging` is the point of no return: it accepts no cancel and no code.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { Result, WalletPayment, WalletProvider } from '../gateway/types.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Tiyin } from '../money/money.ts';
import type { CameraStatus } from '../scanner/camera-reader.ts';
import { validatePaymentCode } from '../scanner/code-validation.ts';
import type { CameraScannerInput, CameraSettings, WedgeScannerInput } from '../scanner/scanner-actors.ts';
import { looksLikeBadge } from '../staff/badge-code.ts';
import {
  cannotRecordOutcome,
  chargeCrashOutcome,
  chargeFailureOutcome,
  chargeGraceMs,
  chargeNoAnswerOutcome,
} from './method-errors.ts';
import type { ChargeDraft, PaymentOutcome, RecordChargeInput } from './payment-outcome.ts';
import { unwiredActor } from './unwired-actor.ts';

export type ScanSource = 'camera' | 'wedge' | 'typed';

/** What the camera reader reports, shown by the UI (a denied camera still leaves the wedge and typing). */
export type { CameraStatus };

export type WalletEvent =
  | { type: 'scanner.decoded'; code: string; source: ScanSource }
  | { type: 'scanner.status'; status: CameraStatus }
  | { type: 'user.cancel' };

export interface WalletInput {
  /** The checkout's attempt (id, wallet, total, lines, pickup number): recorded with the scanned code, then charged. */
  draft: ChargeDraft<WalletProvider>;
  /** The gateway call's own timeout; the machine waits this plus `chargeGraceMs` at most. */
  timeoutMs: number;
  /**
   * How long scanning waits for a code before giving up as cancelled (default 120 s): a customer who walked
   * away must not leave the camera on forever (DESIGN.md §1.7), and nothing has been charged yet.
   */
  scanTimeoutMs?: number;
  /** The kiosk's camera and decoder, for the `camera` actor's input (default: the back camera, zxing-wasm). */
  camera?: CameraSettings;
}

/** Everything the `charge` actor needs to call `gateway.walletPay`. */
export interface WalletChargeInput {
  attemptId: string;
  provider: WalletProvider;
  amount: Tiyin;
  /** Exactly as decoded: never trimmed or re-encoded (DESIGN.md §1.5). */
  code: string;
  timeoutMs: number;
}

export interface WalletContext {
  draft: ChargeDraft<WalletProvider>;
  attemptId: string;
  provider: WalletProvider;
  amount: Tiyin;
  timeoutMs: number;
  scanTimeoutMs: number;
  camera: CameraSettings;
  /** The accepted code, set once; the one the charge was (or will be) sent with. */
  code: string | null;
  /** The last code refused by validation, for the UI and the trace. */
  rejectedCode: string | null;
  /** A message the scanning screen shows; `wallet.notThisWallet` takes `{ brand: brandOf(provider) }`. */
  notice: MessageKey | null;
  cameraStatus: CameraStatus | null;
  outcome: PaymentOutcome | null;
}

function acceptedCode(context: WalletContext): string {
  // `recording` is only entered through the transition that sets the code.
  if (context.code === null) throw new Error('wallet machine: charging without a code');
  return context.code;
}

const defaultCamera: CameraSettings = { facingMode: 'environment', engine: 'zxing-wasm' };

/**
 * Unwired placeholders that read no scanner and charge nothing: the app wiring (app/payment-actors.ts) gives the
 * zxing camera reader, the keyboard-wedge reader, the journal write and the gateway call.
 */
const unwiredWalletActors = {
  camera: fromCallback<{ type: never }, CameraScannerInput>(() => undefined),
  wedge: fromCallback<{ type: never }, WedgeScannerInput | undefined>(() => undefined),
  recordCharge: unwiredActor<void, RecordChargeInput>('recordCharge'),
  charge: unwiredActor<Result<WalletPayment>, WalletChargeInput>('charge'),
};

/** The actors createWalletPaymentMachine takes; any left out keep their unwired placeholder. */
export type WalletActors = typeof unwiredWalletActors;

/**
 * The wallet payment machine. Provide `camera` and `wedge` (`scanner/scanner-actors.ts`: callback actors that
 * send `scanner.decoded` / `scanner.status` to their parent), `recordCharge` (the journal write) and `charge`
 * (`gateway.walletPay`). Tag `charging`: a code was accepted, the charge is being recorded or sent.
 */
export function createWalletPaymentMachine(actors: Partial<WalletActors> = {}) {
  return setup({
    types: {
      input: {} as WalletInput,
      context: {} as WalletContext,
      events: {} as WalletEvent,
      output: {} as PaymentOutcome,
      tags: {} as 'charging',
    },
    actors: { ...unwiredWalletActors, ...actors },
    delays: {
      chargeDeadline: ({ context }) => context.timeoutMs + chargeGraceMs,
      scanDeadline: ({ context }) => context.scanTimeoutMs,
    },
    guards: {
      isValidCode: ({ event }) => event.type === 'scanner.decoded' && validatePaymentCode(event.code).ok,
      // Staff opening staff mode over the wallet screen show their badge: it is never a wallet code.
      isStaffBadge: ({ event }) => event.type === 'scanner.decoded' && event.source !== 'typed' && looksLikeBadge(event.code),
    },
  }).createMachine({
    id: 'walletPayment',
    context: ({ input }) => ({
      draft: input.draft,
      attemptId: input.draft.attemptId,
      provider: input.draft.method,
      amount: input.draft.total,
      timeoutMs: input.timeoutMs,
      scanTimeoutMs: input.scanTimeoutMs ?? 120_000,
      camera: input.camera ?? defaultCamera,
      code: null,
      rejectedCode: null,
      notice: null,
      cameraStatus: null,
      outcome: null,
    }),
    initial: 'scanning',
    states: {
      scanning: {
        // Both readers are children of this state only, so leaving it releases the camera (DESIGN.md §1.7).
        invoke: [
          { id: 'camera', src: 'camera', input: ({ context }) => ({ ...context.camera, formats: 'qr' as const }) },
          { id: 'wedge', src: 'wedge' },
        ],
        after: {
          scanDeadline: { target: 'done', actions: assign({ outcome: { outcome: 'cancelled' } }) },
        },
        on: {
          'scanner.decoded': [
            { guard: 'isStaffBadge' },
            {
              guard: 'isValidCode',
              target: 'recording',
              actions: assign({ code: ({ event }) => event.code, notice: null }),
            },
            {
              actions: assign({
                rejectedCode: ({ event }) => event.code,
                notice: 'wallet.notThisWallet',
              }),
            },
          ],
          'scanner.status': {
            actions: assign({ cameraStatus: ({ event }) => event.status }),
          },
          'user.cancel': {
            target: 'done',
            actions: assign({ outcome: { outcome: 'cancelled' } }),
          },
        },
      },
      // From here on no event is handled: further decodes and cancels are dropped, so one code makes one charge.
      recording: {
        tags: ['charging'],
        invoke: {
          src: 'recordCharge',
          input: ({ context }): RecordChargeInput => ({ draft: context.draft, detail: acceptedCode(context) }),
          onDone: { target: 'charging' },
          onError: {
            target: 'done',
            actions: assign({ outcome: ({ event }) => cannotRecordOutcome(event.error) }),
          },
        },
      },
      charging: {
        tags: ['charging'],
        invoke: {
          src: 'charge',
          input: ({ context }) => ({
            attemptId: context.attemptId,
            provider: context.provider,
            amount: context.amount,
            code: acceptedCode(context),
            timeoutMs: context.timeoutMs,
          }),
          onDone: {
            target: 'done',
            actions: assign({
              outcome: ({ event }): PaymentOutcome =>
                event.output.ok
                  ? { outcome: 'paid', paid: { method: 'wallet', payment: event.output.value } }
                  : chargeFailureOutcome(event.output.error, 'wallet'),
            }),
          },
          onError: {
            target: 'done',
            actions: assign({ outcome: ({ event }) => chargeCrashOutcome(event.error) }),
          },
        },
        after: {
          chargeDeadline: {
            target: 'done',
            actions: assign({ outcome: ({ context }) => chargeNoAnswerOutcome(context.timeoutMs + chargeGraceMs) }),
          },
        },
      },
      done: { type: 'final' },
    },
    // Never falls through to success: a missing outcome is reported as unknown.
    output: ({ context }) => context.outcome ?? chargeCrashOutcome(new Error('wallet machine ended without an outcome')),
  });
}

export type WalletPaymentMachine = ReturnType<typeof createWalletPaymentMachine>;
