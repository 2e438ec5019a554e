/**
 * One UzQR payment (the national unified QR, vendor doc uzqr.md): the kiosk creates a dynamic invoice, shows its
 * `qr_text` as a QR and keeps a long-poll status call open while the QR is shown (the gateway answers only with a
 * final status, or "in progress" after its own 2-minute limit). Unlike Scan2pay the invoice can really be
 * cancelled, so leaving the QR (Cancel, expiry) sends the cancel and then asks once more: a payment that landed
 * first still counts. Whatever the kiosk cannot confirm (a failed cancel, a lost status answer) is reported as
 * such, so the journal keeps the attempt watched instead of closing it.
 */
import { assign, setup } from 'xstate';
import type { GatewayError, Result } from '../gateway/types.ts';
import type { Tiyin } from '../money/money.ts';
import { cannotRecordOutcome } from './method-errors.ts';
import type { ChargeDraft, PaymentOutcome, RecordChargeInput } from './payment-outcome.ts';
import { unwiredActor } from './unwired-actor.ts';
import { statusBackoffMs } from './status-backoff.ts';

export const defaultExpiryMs = 300_000;
/**
 * How long one status call may stay open before the machine stops waiting on it. The client's own timeout is at
 * least 150 s (the gateway holds the call up to 2 minutes); this only catches a promise that never settles.
 */
export const defaultStatusDeadlineMs = 165_000;
/** Leaving the QR: how long the cancel and the one final status check may each take before the kiosk moves on. */
export const defaultLeaveStepMs = 15_000;
/** UzQR's `external_id` is at most 20 characters (uzqr.md). */
export const externalIdLength = 20;

/**
 * The invoice's `external_id`: the attempt id (a UUID) without its dashes, cut to 20 characters. Derived, so
 * the journal, the watcher and staff can always say which invoice belongs to which attempt. Of a v4 UUID's first
 * 20 hex digits 19 are random (76 bits): two attempts sharing one is far less likely than a hardware fault.
 */
export function uzqrExternalId(attemptId: string): string {
  return attemptId.replace(/[^0-9A-Za-z]/g, '').slice(0, externalIdLength);
}

/** What the machine needs of a created invoice (the client's `UzqrInvoice` carries more). */
export interface UzqrCreatedInvoice {
  invoiceId: string;
  qrText: string;
  raw: string;
}

/** What the machine needs of a status answer (the client's `UzqrStatus`). */
export interface UzqrStatusAnswer {
  invoiceId: string;
  status: 'in_progress' | 'paid' | 'declined';
  payId: string | null;
  payerPhone: string | null;
  cardType: string | null;
  maskedCard: string | null;
  raw: string;
}

export type UzqrEvent = { type: 'user.cancel' };

export interface UzqrInput {
  /** The checkout's attempt (id, total, lines, pickup number): recorded with the invoice id once it exists. */
  draft: ChargeDraft<'uzqr'>;
  expiryMs?: number;
  statusDeadlineMs?: number;
  leaveStepMs?: number;
  /** Clock for `expiresAt`; defaults to `Date.now`. */
  now?: () => number;
}

export interface UzqrCreateInput {
  externalId: string;
  amount: Tiyin;
}

export interface UzqrInvoiceInput {
  invoiceId: string;
}

export interface UzqrContext {
  draft: ChargeDraft<'uzqr'>;
  attemptId: string;
  externalId: string;
  amount: Tiyin;
  expiryMs: number;
  statusDeadlineMs: number;
  leaveStepMs: number;
  now: () => number;
  invoiceId: string | null;
  /** The text to show as a QR, exactly as the gateway sent it. */
  qrText: string | null;
  /** When the QR stops being shown, ms since the epoch; the screen derives its countdown from it. */
  expiresAt: number | null;
  /** Status calls are failing; the QR stays while the kiosk keeps trying. */
  reconnecting: boolean;
  failures: number;
  /** Why the QR is being left, while the cancel and the final status check run. */
  leaving: 'cancelled' | 'expired' | null;
  /** The cancel got no acknowledgement: the invoice may still be payable. */
  cancelFailed: boolean;
  outcome: PaymentOutcome | null;
}

/** UzQR's "invoice not found" (uzqr.md): the invoice does not exist (any more), so it cannot be paid. */
export function isUzqrNotFound(error: GatewayError): boolean {
  return error.kind === 'rejected' && error.code.trim() === '3001';
}

/** Create errors that another try will not fix: the kiosk's UzQR settings (104, 1001, 1002, 2004) or a refused request. */
function createNeedsStaff(error: GatewayError): boolean {
  return error.kind === 'refused' || (error.kind === 'rejected' && ['104', '1001', '1002', '2004'].includes(error.code.trim()));
}

function createFailed(error: GatewayError): PaymentOutcome {
  // Nothing can be paid before the customer sees the QR (the kiosk never asks the gateway to print it).
  return { outcome: 'declined', error, messageKey: 'uzqr.createFailed', callStaff: createNeedsStaff(error) };
}

function describe(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

function paidOutcome(context: UzqrContext, answer: UzqrStatusAnswer): PaymentOutcome {
  return {
    outcome: 'paid',
    paid: {
      method: 'uzqr',
      invoiceId: answer.invoiceId || (context.invoiceId ?? ''),
      payId: answer.payId ?? '',
      payerPhone: answer.payerPhone,
      cardType: answer.cardType,
      maskedCard: answer.maskedCard,
    },
  };
}

function declinedOutcome(answer: UzqrStatusAnswer): PaymentOutcome {
  return {
    outcome: 'declined',
    error: { kind: 'rejected', code: '3', message: 'UzQR payment declined (status 3)', fieldErrors: null, providerCode: null, raw: answer.raw },
    messageKey: 'payment.declined',
    callStaff: false,
  };
}

/** A paid answer without its `pay_id` cannot carry a receipt link or a refund: staff check it. */
function isPaid(result: Result<UzqrStatusAnswer>): boolean {
  return result.ok && result.value.status === 'paid';
}

function paidWithoutId(context: UzqrContext, answer: UzqrStatusAnswer): PaymentOutcome {
  return answer.payId
    ? paidOutcome(context, answer)
    : { outcome: 'unknown', error: { kind: 'invalid', problem: 'paid without pay_id', raw: answer.raw }, messageKey: 'payment.unknown' };
}

/**
 * Not paid as far as the kiosk can tell after leaving the QR. `confirmed`: the cancel was acknowledged and the
 * final check said declined or not found — the invoice cannot be paid any more. Otherwise it is reported with
 * `finalCheckFailed`, and the journal keeps it watched.
 */
function leftOutcome(context: UzqrContext, confirmed: boolean): PaymentOutcome {
  const outcome = context.leaving ?? 'cancelled';
  return confirmed && !context.cancelFailed ? { outcome } : { outcome, finalCheckFailed: true };
}

/** The final status answer after the cancel, read as the outcome. */
function afterFinalCheck(context: UzqrContext, result: Result<UzqrStatusAnswer>): PaymentOutcome {
  if (result.ok) {
    if (result.value.status === 'paid') return paidWithoutId(context, result.value);
    return leftOutcome(context, result.value.status === 'declined');
  }
  return leftOutcome(context, isUzqrNotFound(result.error));
}

/** Unwired placeholders that charge nothing: the app wiring (app/payment-actors.ts) gives the real actors. */
const unwiredUzqrActors = {
  recordCharge: unwiredActor<void, RecordChargeInput>('recordCharge'),
  createInvoice: unwiredActor<Result<UzqrCreatedInvoice>, UzqrCreateInput>('createInvoice'),
  checkStatus: unwiredActor<Result<UzqrStatusAnswer>, UzqrInvoiceInput>('checkStatus'),
  cancelInvoice: unwiredActor<Result<unknown>, UzqrInvoiceInput>('cancelInvoice'),
};

/** The actors createUzqrPaymentMachine takes; any left out keep their unwired placeholder. */
export type UzqrActors = typeof unwiredUzqrActors;

/**
 * The UzQR payment machine. Provide `recordCharge` (the journal write, detail = the invoice id), `createInvoice`,
 * `checkStatus` (the long poll) and `cancelInvoice` (the client's `create`, `status`, `cancel`).
 */
export function createUzqrPaymentMachine(actors: Partial<UzqrActors> = {}) {
  return setup({
    types: {
      input: {} as UzqrInput,
      context: {} as UzqrContext,
      events: {} as UzqrEvent,
      output: {} as PaymentOutcome,
    },
    actors: { ...unwiredUzqrActors, ...actors },
    actions: {
      noteFailure: assign({ reconnecting: true, failures: ({ context }) => context.failures + 1 }),
    },
    guards: {
      leaving: ({ context }) => context.leaving !== null,
      createdWithQr: (_, params: { created: Result<UzqrCreatedInvoice> }) =>
        params.created.ok && params.created.value.invoiceId !== '' && params.created.value.qrText !== '',
      statusPaid: (_, params: { status: Result<UzqrStatusAnswer> }) => isPaid(params.status),
      statusDeclined: (_, params: { status: Result<UzqrStatusAnswer> }) =>
        params.status.ok && params.status.value.status === 'declined',
      // Any other answer is "still in progress" after the gateway's hold.
      statusAnswered: (_, params: { status: Result<UzqrStatusAnswer> }) => params.status.ok,
      invoiceGone: (_, params: { status: Result<UzqrStatusAnswer> }) =>
        !params.status.ok && isUzqrNotFound(params.status.error),
    },
    delays: {
      backoff: ({ context }) => statusBackoffMs(context.failures),
      expiry: ({ context }) => context.expiryMs,
      statusDeadline: ({ context }) => context.statusDeadlineMs,
      leaveStep: ({ context }) => context.leaveStepMs,
    },
  }).createMachine({
    id: 'uzqrPayment',
    context: ({ input }) => ({
      draft: input.draft,
      attemptId: input.draft.attemptId,
      externalId: uzqrExternalId(input.draft.attemptId),
      amount: input.draft.total,
      expiryMs: input.expiryMs ?? defaultExpiryMs,
      statusDeadlineMs: input.statusDeadlineMs ?? defaultStatusDeadlineMs,
      leaveStepMs: input.leaveStepMs ?? defaultLeaveStepMs,
      now: input.now ?? Date.now,
      invoiceId: null,
      qrText: null,
      expiresAt: null,
      reconnecting: false,
      failures: 0,
      leaving: null,
      cancelFailed: false,
      outcome: null,
    }),
    initial: 'creating',
    states: {
      // The invoice comes first: the journal records its id, which is what the watcher and staff ask about. Nothing
      // can be paid before the QR is on screen, so a create that fails or is cancelled leaves nothing to watch.
      creating: {
        invoke: {
          src: 'createInvoice',
          input: ({ context }) => ({ externalId: context.externalId, amount: context.amount }),
          onDone: [
            {
              guard: { type: 'createdWithQr', params: ({ event }) => ({ created: event.output }) },
              target: 'recording',
              actions: assign(({ event }) =>
                event.output.ok ? { invoiceId: event.output.value.invoiceId, qrText: event.output.value.qrText } : {},
              ),
            },
            {
              target: 'done',
              actions: assign({
                outcome: ({ event }) =>
                  createFailed(
                    event.output.ok ? { kind: 'invalid', problem: 'invoice without invoice_id or qr_text', raw: event.output.value.raw } : event.output.error,
                  ),
              }),
            },
          ],
          onError: {
            target: 'done',
            actions: assign({
              outcome: ({ event }) =>
                createFailed({ kind: 'invalid', problem: `create failed without a gateway answer: ${describe(event.error)}`, raw: '' }),
            }),
          },
        },
        on: {
          'user.cancel': { target: 'done', actions: assign({ outcome: { outcome: 'cancelled' } }) },
        },
      },
      // Durable before the QR is shown: from then on money can move.
      recording: {
        invoke: {
          src: 'recordCharge',
          input: ({ context }): RecordChargeInput => ({ draft: context.draft, detail: context.invoiceId }),
          onDone: [{ guard: 'leaving', target: 'cancelling' }, { target: 'showingQr' }],
          onError: { target: 'done', actions: assign({ outcome: ({ event }) => cannotRecordOutcome(event.error) }) },
        },
        on: {
          // The invoice exists and the write may land: leave through the cancel, as from the QR.
          'user.cancel': { actions: assign({ leaving: 'cancelled' }) },
        },
      },
      showingQr: {
        entry: assign({ expiresAt: ({ context }) => context.now() + context.expiryMs }),
        initial: 'polling',
        states: {
          polling: {
            invoke: {
              src: 'checkStatus',
              input: ({ context }) => ({ invoiceId: context.invoiceId ?? '' }),
              onDone: [
                {
                  guard: { type: 'statusPaid', params: ({ event }) => ({ status: event.output }) },
                  target: '#uzqrPayment.done',
                  actions: assign({
                    outcome: ({ context, event }) => (event.output.ok ? paidWithoutId(context, event.output.value) : null),
                  }),
                },
                {
                  guard: { type: 'statusDeclined', params: ({ event }) => ({ status: event.output }) },
                  target: '#uzqrPayment.done',
                  actions: assign({ outcome: ({ event }) => (event.output.ok ? declinedOutcome(event.output.value) : null) }),
                },
                // Still in progress after the gateway's 2-minute hold: ask again at once.
                {
                  guard: { type: 'statusAnswered', params: ({ event }) => ({ status: event.output }) },
                  target: 'polling',
                  reenter: true,
                  actions: assign({ reconnecting: false, failures: 0 }),
                },
                // The invoice is gone (3001): nothing can be paid on it.
                {
                  guard: { type: 'invoiceGone', params: ({ event }) => ({ status: event.output }) },
                  target: '#uzqrPayment.done',
                  actions: assign({ outcome: { outcome: 'expired' } }),
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
          expiry: { target: 'cancelling', actions: assign({ leaving: 'expired' }) },
        },
        on: {
          'user.cancel': { target: 'cancelling', actions: assign({ leaving: 'cancelled' }) },
        },
      },
      // Leaving the QR: cancel the invoice, then one last status check so a payment that landed first still counts.
      cancelling: {
        invoke: {
          src: 'cancelInvoice',
          input: ({ context }) => ({ invoiceId: context.invoiceId ?? '' }),
          onDone: {
            target: 'finalCheck',
            // "Not found" cannot be paid either; any other refusal (3002 already paid, 9001, …) leaves it open.
            actions: assign({ cancelFailed: ({ event }) => !event.output.ok && !isUzqrNotFound(event.output.error) }),
          },
          onError: { target: 'finalCheck', actions: assign({ cancelFailed: true }) },
        },
        after: { leaveStep: { target: 'finalCheck', actions: assign({ cancelFailed: true }) } },
      },
      finalCheck: {
        invoke: {
          src: 'checkStatus',
          input: ({ context }) => ({ invoiceId: context.invoiceId ?? '' }),
          onDone: { target: 'done', actions: assign({ outcome: ({ context, event }) => afterFinalCheck(context, event.output) }) },
          onError: { target: 'done', actions: assign({ outcome: ({ context }) => leftOutcome(context, false) }) },
        },
        after: { leaveStep: { target: 'done', actions: assign({ outcome: ({ context }) => leftOutcome(context, false) }) } },
      },
      done: { type: 'final' },
    },
    output: ({ context }) =>
      context.outcome ?? { outcome: 'unknown', error: null, messageKey: 'payment.unknown', detail: 'uzqr machine ended without an outcome' },
  });
}

export type UzqrPaymentMachine = ReturnType<typeof createUzqrPaymentMachine>;
