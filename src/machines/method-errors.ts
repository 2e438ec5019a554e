/**
 * Maps what a gateway call left behind to a method machine's outcome and the message key the customer sees.
 * The rule that matters (DESIGN.md §1.2): only an answer the gateway gave on purpose is a decline; anything
 * that leaves doubt is `unknown`.
 */
import { responseMeaning, responseReason } from '../gateway/slip-parser.ts';
import type { GatewayError } from '../gateway/types.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { NotPaidOutcome, PaymentOutcome } from './payment-outcome.ts';

/** Which kind of charge failed: the pinpad answer carries its own response codes. */
export type ChargeChannel = 'wallet' | 'pinpad' | 'scan2pay';

/**
 * How long past its own timeout a charge may stay unsettled before the machine gives up waiting on it.
 * The gateway call enforces the real timeout; this only catches a promise that never settles.
 */
export const chargeGraceMs = 5_000;

/** A pinpad response code ("Код ответа") read as the kiosk should act on it (gateway-notes.md). */
export type PinpadResponse =
  | { kind: 'approved' }
  | { kind: 'declined'; messageKey: MessageKey; callStaff: boolean }
  | { kind: 'unrecognised' };

/**
 * Reads a pinpad response code from the one table in slip-parser.ts. Codes are compared as the 3-digit
 * strings the slip shows, so "016" and "16" are not the same code. Declines and device problems (which call
 * staff) carry their `gateway.pinpad.<reason>` message; a code the table does not know, and a cancel problem
 * (which no charge should answer with), is `unrecognised`.
 */
export function pinpadResponse(code: string): PinpadResponse {
  const trimmed = code.trim();
  const meaning = responseMeaning(trimmed);
  const reason = responseReason(trimmed);
  switch (meaning) {
    case 'approved':
      return { kind: 'approved' };
    case 'declined':
    case 'device-problem':
      if (reason === null) return { kind: 'unrecognised' };
      return { kind: 'declined', messageKey: `gateway.pinpad.${reason}`, callStaff: meaning === 'device-problem' };
    case 'cancel-problem':
    case 'unknown':
      return { kind: 'unrecognised' };
    default: {
      const never: never = meaning;
      return never;
    }
  }
}

function unknownOutcome(error: GatewayError | null, detail?: string): NotPaidOutcome {
  return detail === undefined
    ? { outcome: 'unknown', error, messageKey: 'payment.unknown' }
    : { outcome: 'unknown', error, messageKey: 'payment.unknown', detail };
}

function rejectedOutcome(error: Extract<GatewayError, { kind: 'rejected' }>, channel: ChargeChannel): NotPaidOutcome {
  if (channel === 'pinpad' && error.providerCode !== null) {
    const response = pinpadResponse(error.providerCode);
    switch (response.kind) {
      case 'declined':
        return { outcome: 'declined', error, messageKey: response.messageKey, callStaff: response.callStaff };
      case 'approved':
        // The gateway says failure while the slip says approved: the card may have been charged.
        return unknownOutcome(error, `gateway rejected the charge but the pinpad response code is ${response.kind} (${error.providerCode})`);
      case 'unrecognised':
        // A code errors.md does not list: the card may have been charged. (A cancel code is the gateway's no.)
        if (responseMeaning(error.providerCode.trim()) === 'unknown') {
          return unknownOutcome(error, `gateway rejected the charge with pinpad response code ${error.providerCode}, which errors.md does not list`);
        }
        break;
      default: {
        const never: never = response;
        return unknownOutcome(error, `unhandled pinpad response ${String(never)}`);
      }
    }
  }
  switch (error.code.trim()) {
    case '104':
      return { outcome: 'declined', error, messageKey: 'payment.billingError', callStaff: true };
    case '7':
      return { outcome: 'declined', error, messageKey: 'payment.validationError', callStaff: false };
    default:
      return {
        outcome: 'declined',
        error,
        messageKey: channel === 'pinpad' ? 'gateway.pinpad.notApproved' : 'payment.declined',
        callStaff: false,
      };
  }
}

/**
 * The outcome of a charge request (`/payment/<method>`) that came back `{ ok: false }`.
 * `rejected` and `refused` are declines (the gateway or the client said no on purpose); `unknown`, `http`
 * and `invalid` are `unknown`, because the charge may have gone through.
 */
export function chargeFailureOutcome(error: GatewayError, channel: ChargeChannel): NotPaidOutcome {
  switch (error.kind) {
    case 'rejected':
      return rejectedOutcome(error, channel);
    case 'refused':
      // Never sent: a wrong unit or a too-large amount is a configuration problem.
      return { outcome: 'declined', error, messageKey: 'payment.refused', callStaff: true };
    case 'unknown':
    case 'http':
    case 'invalid':
      return unknownOutcome(error);
    default: {
      const never: never = error;
      return unknownOutcome(null, `unhandled gateway error ${JSON.stringify(never)}`);
    }
  }
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  return String(reason);
}

/** The charge actor's promise itself rejected (a bug, not a gateway answer): the charge may have been sent. */
export function chargeCrashOutcome(reason: unknown): NotPaidOutcome {
  return unknownOutcome(null, `charge failed without a gateway answer: ${describe(reason)}`);
}

/** The charge did not settle within its timeout plus `chargeGraceMs`. */
export function chargeNoAnswerOutcome(waitedMs: number): NotPaidOutcome {
  return unknownOutcome(
    { kind: 'unknown', reason: 'timeout', status: null, raw: '' },
    `no answer to the charge within ${waitedMs} ms`,
  );
}

/**
 * The journal write before a charge failed, so no charge was sent and no money moved; staff are called
 * because the kiosk cannot take payments safely without its journal.
 */
export function cannotRecordOutcome(reason: unknown): Extract<PaymentOutcome, { outcome: 'declined' }> {
  return {
    outcome: 'declined',
    error: { kind: 'refused', problem: `journal write failed before the charge: ${describe(reason)}` },
    messageKey: 'payment.cannotRecord',
    callStaff: true,
  };
}

// The Scan2pay watcher (journal) reads the same rule: it lives with the gateway's codes.
export { isScan2payPending } from '../gateway/error-codes.ts';
