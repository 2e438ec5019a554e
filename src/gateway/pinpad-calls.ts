/**
 * A pinpad's three calls by provider: the one place that maps a `PinpadProvider` to the gateway's functions
 * (the gateway keeps one typed function per vendor call). A new pinpad in the method table fails to compile here.
 */
import type { PinpadProvider } from '../domain/payment-methods.ts';
import type { Tiyin } from '../money/money.ts';
import type { CallOptions, Gateway, PinpadResult, Result } from './types.ts';

export interface PinpadCalls {
  pay(amount: Tiyin, options?: CallOptions): Promise<Result<PinpadResult>>;
  /** The same-shift refund: Humo's cancel (by check number or RRN), UzCard's return (by RRN). */
  refund(requestId: string, amount: Tiyin, options?: CallOptions): Promise<Result<PinpadResult>>;
  /** Closes the pinpad's shift (reconciliation). */
  close(options?: CallOptions): Promise<Result<PinpadResult>>;
}

export type PinpadGateway = Pick<Gateway, 'humoPay' | 'humoCancel' | 'humoClose' | 'uzcardPay' | 'uzcardReturn' | 'uzcardClose'>;

// Arguments are passed on as given (no trailing `undefined` options), so a recording fake sees the same call.
export function pinpadCalls(gateway: PinpadGateway, provider: PinpadProvider): PinpadCalls {
  switch (provider) {
    case 'humo':
      return {
        pay: (...args) => gateway.humoPay(...args),
        refund: (...args) => gateway.humoCancel(...args),
        close: (...args) => gateway.humoClose(...args),
      };
    case 'uzcard':
      return {
        pay: (...args) => gateway.uzcardPay(...args),
        refund: (...args) => gateway.uzcardReturn(...args),
        close: (...args) => gateway.uzcardClose(...args),
      };
    default: {
      const never: never = provider;
      throw new Error(`no pinpad calls for ${String(never)}`);
    }
  }
}
