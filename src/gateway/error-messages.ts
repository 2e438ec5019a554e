/** Which message the customer (or staff) sees for a gateway error. Chosen by kind and code, never by message text. */
import type { MessageKey } from '../i18n/messages/en.ts';
import { pinpadErrorCode } from './call-readers.ts';
import { gatewayErrorCode } from './error-codes.ts';
import { responseReason } from './slip-parser.ts';
import type { GatewayError } from './types.ts';

const pinpadCodes = new Set<string>(Object.values(pinpadErrorCode));

function rejectedKey(error: Extract<GatewayError, { kind: 'rejected' }>): MessageKey {
  const code = error.code.trim();
  if (pinpadCodes.has(code) || error.slip !== undefined) {
    const reason = responseReason(error.providerCode);
    // An "approved" code on a rejected answer is a contradiction, not a reason to show.
    if (reason !== null && reason !== 'approved') return `gateway.pinpad.${reason}`;
    return 'gateway.pinpad.notApproved';
  }
  switch (code) {
    case '101':
      return 'gateway.printer';
    case '7':
      return 'gateway.validation';
    case '106':
      return 'gateway.declined';
    default: {
      // errors.md: the fiscal module or gateway cannot take receipts until staff act (shift, memory, clock …).
      const known = gatewayErrorCode(code);
      if (known?.class === 'not-ready' || known?.class === 'fix-and-retry') return 'gateway.billing';
      return 'gateway.rejected';
    }
  }
}

/**
 * The message key for a gateway error. For a charge, callers should say "call staff" for every error
 * that is not a decline (`unknown`, `http`, `invalid`) whatever this returns (DESIGN.md §1.2).
 */
export function gatewayErrorMessageKey(error: GatewayError): MessageKey {
  switch (error.kind) {
    case 'rejected':
      return rejectedKey(error);
    case 'refused':
      return 'gateway.refused';
    case 'http':
      return 'gateway.http';
    case 'invalid':
      return 'gateway.unclear';
    case 'unknown':
      switch (error.reason) {
        case 'network':
          return 'gateway.unreachable';
        case 'timeout':
          return 'gateway.timeout';
        case 'aborted':
          return 'gateway.aborted';
        case 'server':
        case 'unreadable':
          return 'gateway.unclear';
        default: {
          const never: never = error.reason;
          return never;
        }
      }
    default: {
      const never: never = error;
      return never;
    }
  }
}
