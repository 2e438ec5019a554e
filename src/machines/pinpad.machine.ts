/**
 * One card payment on a Humo or UzCard pinpad. The customer follows the terminal; the kiosk can only wait,
 * so `charging` (the point of no return) accepts no cancel.
 */
import { assign, setup } from 'xstate';
import type { PinpadProvider, PinpadResult, Result } from '../gateway/types.ts';
import type { Tiyin } from '../money/money.ts';
import {
  cannotRecordOutcome,
  chargeCrashOutcome,
  chargeFailureOutcome,
  chargeGraceMs,
  chargeNoAnswerOutcome,
} from './method-errors.ts';
import type { ChargeDraft, PaymentOutcome, RecordChargeInput } from './payment-outcome.ts';
import { unwiredActor } from './unwired-actor.ts';

export interface PinpadInput {
  /** The checkout's attempt (id, card brand, total, lines, pickup number): recorded, then charged. */
  draft: ChargeDraft<PinpadProvider>;
  /** The gateway call's own timeout (long: the customer reads, inserts and types a PIN). */
  timeoutMs: number;
}

/** Everything the `charge` actor needs to call `gateway.humoPay` / `gateway.uzcardPay`. */
export interface PinpadChargeInput {
  attemptId: string;
  provider: PinpadProvider;
  amount: Tiyin;
  timeoutMs: number;
}

export interface PinpadContext {
  draft: ChargeDraft<PinpadProvider>;
  attemptId: string;
  provider: PinpadProvider;
  amount: Tiyin;
  timeoutMs: number;
  outcome: PaymentOutcome | null;
}

/** Unwired placeholders that charge nothing: the app wiring (app/payment-actors.ts) gives the real actors. */
const unwiredPinpadActors = {
  recordCharge: unwiredActor<void, RecordChargeInput>('recordCharge'),
  charge: unwiredActor<Result<PinpadResult>, PinpadChargeInput>('charge'),
};

/** The actors createPinpadPaymentMachine takes; any left out keep their unwired placeholder. */
export type PinpadActors = typeof unwiredPinpadActors;

/** The pinpad payment machine. Provide `recordCharge` (the journal write) and `charge` (the pinpad call). */
export function createPinpadPaymentMachine(actors: Partial<PinpadActors> = {}) {
  return setup({
    types: {
      input: {} as PinpadInput,
      context: {} as PinpadContext,
      // No events: nothing the customer does on the kiosk can stop a card payment in progress.
      events: {} as { type: 'user.cancel' },
      output: {} as PaymentOutcome,
    },
    actors: { ...unwiredPinpadActors, ...actors },
    delays: {
      chargeDeadline: ({ context }) => context.timeoutMs + chargeGraceMs,
    },
  }).createMachine({
    id: 'pinpadPayment',
    context: ({ input }) => ({
      draft: input.draft,
      attemptId: input.draft.attemptId,
      provider: input.draft.method,
      amount: input.draft.total,
      timeoutMs: input.timeoutMs,
      outcome: null,
    }),
    initial: 'recording',
    states: {
      recording: {
        invoke: {
          src: 'recordCharge',
          input: ({ context }): RecordChargeInput => ({ draft: context.draft, detail: null }),
          onDone: { target: 'charging' },
          onError: {
            target: 'done',
            actions: assign({ outcome: ({ event }) => cannotRecordOutcome(event.error) }),
          },
        },
      },
      charging: {
        invoke: {
          src: 'charge',
          input: ({ context }) => ({
            attemptId: context.attemptId,
            provider: context.provider,
            amount: context.amount,
            timeoutMs: context.timeoutMs,
          }),
          onDone: {
            target: 'done',
            actions: assign({
              outcome: ({ event }): PaymentOutcome =>
                event.output.ok
                  ? { outcome: 'paid', paid: { method: 'pinpad', result: event.output.value } }
                  : chargeFailureOutcome(event.output.error, 'pinpad'),
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
    output: ({ context }) => context.outcome ?? chargeCrashOutcome(new Error('pinpad machine ended without an outcome')),
  });
}

export type PinpadPaymentMachine = ReturnType<typeof createPinpadPaymentMachine>;
