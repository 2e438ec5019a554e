/**
 * One Scan2pay payment: the kiosk creates a payment QR, shows it and polls its status. The customer pays
 * on their own phone, so the kiosk never knows a payment is on its way: every exit (cancel, expiry) asks the
 * gateway one last time, and a payment found then counts as paid.
 */
import { assign, setup } from 'xstate';
import type { GatewayError, Result, Scan2payCreated, Scan2payStatus } from '../gateway/types.ts';
import type { Tiyin } from '../money/money.ts';
import { isHttpUrl } from '../domain/http-url.ts';
import { isScan2payPending } from '../gateway/error-codes.ts';
import { cannotRecordOutcome } from './method-errors.ts';
import type { ChargeDraft, PaymentOutcome, RecordChargeInput } from './payment-outcome.ts';
import { unwiredActor } from './unwired-actor.ts';
import { statusBackoffMs } from './status-backoff.ts';

export const defaultPollMs = 2_000;
export const defaultExpiryMs = 300_000;
export const defaultStatusTimeoutMs = 10_000;
/** How long past `statusTimeoutMs` a status call may stay unsettled before the machine stops waiting. */
const statusGraceMs = 5_000;

export type Scan2payEvent = { type: 'user.cancel' };

export interface Scan2payInput {
  /** The checkout's attempt (id, total, lines, pickup number): recorded with the order id, then the QR created. */
  draft: ChargeDraft<'scan2pay'>;
  /** Digits only: the create call sends it as a number, the status call as a string (gateway-notes.md). */
  orderId: string;
  /** Whether the gateway prints the QR too. */
  print: boolean;
  pollMs?: number;
  expiryMs?: number;
  /** Timeout of each status call, passed to the `checkStatus` actor. */
  statusTimeoutMs?: number;
  /** Clock for `expiresAt`; defaults to `Date.now`. */
  now?: () => number;
}

export interface Scan2payCreateInput {
  attemptId: string;
  orderId: string;
  amount: Tiyin;
  print: boolean;
}

export interface Scan2payStatusInput {
  attemptId: string;
  orderId: string;
  timeoutMs: number;
}

export interface Scan2payContext {
  draft: ChargeDraft<'scan2pay'>;
  attemptId: string;
  orderId: string;
  amount: Tiyin;
  print: boolean;
  pollMs: number;
  expiryMs: number;
  statusTimeoutMs: number;
  /** Kept in context for the entry action; machine snapshots are never persisted, so a function is fine. */
  now: () => number;
  /** The URL to show as a QR (http(s) only). */
  paymentUrl: string | null;
  /** When the QR stops being valid, ms since the epoch; the UI derives its countdown from it. */
  expiresAt: number | null;
  /** Status calls are failing; the QR stays on screen while the kiosk keeps trying. */
  reconnecting: boolean;
  /** Consecutive failed status calls, for the backoff. */
  failures: number;
  /** Why the QR screen is being left, while the final status check runs. */
  leaving: 'cancelled' | 'expired' | null;
  outcome: PaymentOutcome | null;
}


function createFailed(error: GatewayError, printed: boolean): PaymentOutcome {
  // Nothing can be paid before the customer sees a QR, so a failure here is a plain decline — unless the gateway
  // was asked to print the QR and its answer is unclear: a printed QR may be paid, so staff check (rule 2).
  const unclear = error.kind === 'unknown' || error.kind === 'invalid' || error.kind === 'http';
  if (printed && unclear) return { outcome: 'unknown', error, messageKey: 'payment.unknown' };
  const callStaff = error.kind === 'refused' || (error.kind === 'rejected' && error.code.trim() === '104');
  return { outcome: 'declined', error, messageKey: 'scan2pay.createFailed', callStaff };
}

function describe(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

function paidOutcome(context: Scan2payContext, scan2payId: string): PaymentOutcome {
  return { outcome: 'paid', paid: { method: 'scan2pay', scan2payId, orderId: context.orderId } };
}

/** Not paid as far as the final check could tell; `checked: false` when it got no usable answer. */
function leftOutcome(context: Scan2payContext, checked: boolean): PaymentOutcome {
  const outcome = context.leaving ?? 'cancelled';
  return checked ? { outcome } : { outcome, finalCheckFailed: true };
}

/** The status call's input: the same for the poll and the final check on leaving. */
function statusInput(context: Scan2payContext): Scan2payStatusInput {
  return { attemptId: context.attemptId, orderId: context.orderId, timeoutMs: context.statusTimeoutMs };
}

/** Unwired placeholders that charge nothing: the app wiring (app/payment-actors.ts) gives the real actors. */
const unwiredScan2payActors = {
  recordCharge: unwiredActor<void, RecordChargeInput>('recordCharge'),
  createQr: unwiredActor<Result<Scan2payCreated>, Scan2payCreateInput>('createQr'),
  checkStatus: unwiredActor<Result<Scan2payStatus>, Scan2payStatusInput>('checkStatus'),
};

/** The actors createScan2payPaymentMachine takes; any left out keep their unwired placeholder. */
export type Scan2payActors = typeof unwiredScan2payActors;

/**
 * The Scan2pay payment machine. Provide `recordCharge` (the journal write, detail = order id), `createQr`
 * (`gateway.scan2payCreate`) and `checkStatus` (`gateway.scan2payStatus`).
 */
export function createScan2payPaymentMachine(actors: Partial<Scan2payActors> = {}) {
  return setup({
    types: {
      input: {} as Scan2payInput,
      context: {} as Scan2payContext,
      events: {} as Scan2payEvent,
      output: {} as PaymentOutcome,
    },
    actors: { ...unwiredScan2payActors, ...actors },
    actions: {
      noteFailure: assign({ reconnecting: true, failures: ({ context }) => context.failures + 1 }),
    },
    // Each reads the call's answer, passed as params from the transition (where `event.output` is typed).
    guards: {
      createdWithHttpUrl: (_, params: { created: Result<Scan2payCreated> }) =>
        params.created.ok && isHttpUrl(params.created.value.paymentUrl),
      statusPaid: (_, params: { status: Result<Scan2payStatus> }) => params.status.ok && params.status.value.paid,
      // An answer, or a "not paid yet" refusal: the gateway is reachable and the QR stays.
      statusAnswered: (_, params: { status: Result<Scan2payStatus> }) =>
        params.status.ok || isScan2payPending(params.status.error),
    },
    delays: {
      poll: ({ context }) => context.pollMs,
      backoff: ({ context }) => statusBackoffMs(context.failures),
      expiry: ({ context }) => context.expiryMs,
      statusDeadline: ({ context }) => context.statusTimeoutMs + statusGraceMs,
    },
  }).createMachine({
    id: 'scan2payPayment',
    context: ({ input }) => ({
      draft: input.draft,
      attemptId: input.draft.attemptId,
      orderId: input.orderId,
      amount: input.draft.total,
      print: input.print,
      pollMs: input.pollMs ?? defaultPollMs,
      expiryMs: input.expiryMs ?? defaultExpiryMs,
      statusTimeoutMs: input.statusTimeoutMs ?? defaultStatusTimeoutMs,
      now: input.now ?? Date.now,
      paymentUrl: null,
      expiresAt: null,
      reconnecting: false,
      failures: 0,
      leaving: null,
      outcome: null,
    }),
    initial: 'recording',
    states: {
      recording: {
        invoke: {
          src: 'recordCharge',
          input: ({ context }): RecordChargeInput => ({ draft: context.draft, detail: context.orderId }),
          onDone: { target: 'creating' },
          onError: {
            target: 'done',
            actions: assign({ outcome: ({ event }) => cannotRecordOutcome(event.error) }),
          },
        },
      },
      creating: {
        invoke: {
          src: 'createQr',
          input: ({ context }) => ({
            attemptId: context.attemptId,
            orderId: context.orderId,
            amount: context.amount,
            print: context.print,
          }),
          onDone: [
            {
              guard: { type: 'createdWithHttpUrl', params: ({ event }) => ({ created: event.output }) },
              target: 'showingQr',
              actions: assign({ paymentUrl: ({ event }) => (event.output.ok ? event.output.value.paymentUrl : null) }),
            },
            {
              target: 'done',
              actions: assign({
                outcome: ({ context, event }) =>
                  createFailed(
                    event.output.ok
                      ? { kind: 'invalid', problem: 'payment URL is not http(s)', raw: event.output.value.raw }
                      : event.output.error,
                    context.print,
                  ),
              }),
            },
          ],
          onError: {
            target: 'done',
            actions: assign({
              outcome: ({ context, event }) =>
                createFailed(
                  { kind: 'invalid', problem: `create failed without a gateway answer: ${describe(event.error)}`, raw: '' },
                  context.print,
                ),
            }),
          },
        },
        on: {
          'user.cancel': { target: 'done', actions: assign({ outcome: { outcome: 'cancelled' } }) },
        },
      },
      showingQr: {
        entry: assign({ expiresAt: ({ context }) => context.now() + context.expiryMs }),
        initial: 'waiting',
        states: {
          waiting: {
            after: { poll: { target: 'polling' } },
          },
          polling: {
            invoke: {
              src: 'checkStatus',
              input: ({ context }) => statusInput(context),
              onDone: [
                {
                  guard: { type: 'statusPaid', params: ({ event }) => ({ status: event.output }) },
                  target: '#scan2payPayment.done',
                  actions: assign({
                    outcome: ({ context, event }) =>
                      event.output.ok && event.output.value.paid
                        ? paidOutcome(context, event.output.value.scan2payId)
                        : { outcome: 'unknown', error: null, messageKey: 'payment.unknown' },
                  }),
                },
                {
                  guard: { type: 'statusAnswered', params: ({ event }) => ({ status: event.output }) },
                  target: 'waiting',
                  actions: assign({ reconnecting: false, failures: 0 }),
                },
                { target: 'backoff', actions: 'noteFailure' },
              ],
              onError: { target: 'backoff', actions: 'noteFailure' },
            },
            after: { statusDeadline: { target: 'backoff', actions: 'noteFailure' } },
          },
          backoff: {
            after: { backoff: { target: 'polling' } },
          },
        },
        after: {
          expiry: { target: 'finalCheck', actions: assign({ leaving: 'expired' }) },
        },
        on: {
          'user.cancel': { target: 'finalCheck', actions: assign({ leaving: 'cancelled' }) },
        },
      },
      // Leaving the QR screen: one last status call, so a payment that landed meanwhile is not lost.
      finalCheck: {
        invoke: {
          src: 'checkStatus',
          input: ({ context }) => statusInput(context),
          onDone: {
            target: 'done',
            actions: assign({
              outcome: ({ context, event }) => {
                if (event.output.ok) {
                  return event.output.value.paid
                    ? paidOutcome(context, event.output.value.scan2payId)
                    : leftOutcome(context, true);
                }
                return leftOutcome(context, isScan2payPending(event.output.error));
              },
            }),
          },
          onError: {
            target: 'done',
            actions: assign({ outcome: ({ context }) => leftOutcome(context, false) }),
          },
        },
        after: {
          statusDeadline: { target: 'done', actions: assign({ outcome: ({ context }) => leftOutcome(context, false) }) },
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) =>
      context.outcome ?? {
        outcome: 'unknown',
        error: null,
        messageKey: 'payment.unknown',
        detail: 'scan2pay machine ended without an outcome',
      },
  });
}

export type Scan2payPaymentMachine = ReturnType<typeof createScan2payPaymentMachine>;
