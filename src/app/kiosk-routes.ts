/**
 * Which screen the kiosk shows, and with what, for a checkout snapshot: one table of
 * `{ state or tag → screen, props(snapshot) }`, read top to bottom, the first row that matches wins.
 * Kiosk.svelte renders the route and wires the screens' buttons to checkout events; it decides nothing.
 */
import type { SnapshotFrom } from 'xstate';
import { brandOf, isPinpad, isWallet } from '../domain/payment-methods.ts';
import type { PaymentMethod, PinpadProvider, WalletProvider } from '../gateway/types.ts';
import { gatewayErrorMessageKey } from '../gateway/error-messages.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Tiyin } from '../money/money.ts';
import type { CheckoutMachine, ServiceMode } from '../machines/checkout.machine.ts';
import type { Scan2payPaymentMachine } from '../machines/scan2pay.machine.ts';
import type { UzqrPaymentMachine } from '../machines/uzqr.machine.ts';
import type { WalletPaymentMachine } from '../machines/wallet.machine.ts';

export type CheckoutSnapshot = SnapshotFrom<CheckoutMachine>;

/** The running method machine's own snapshot, followed by the view (a child's changes do not always change the parent's). */
export interface PaymentSnapshots {
  wallet: SnapshotFrom<WalletPaymentMachine> | null;
  scan2pay: SnapshotFrom<Scan2payPaymentMachine> | null;
  uzqr?: SnapshotFrom<UzqrPaymentMachine> | null;
}

export type KioskRoute =
  | { screen: 'attract' }
  | {
      screen: 'menu';
      /** "Are you still there?" over the menu. */
      idlePrompt: boolean;
      /** The camera barcode reader over the menu, and what its camera reports. */
      productScanner: { status: string | null } | null;
      /** The marking-code dialog, or the check of the marking codes before payment. */
      marking: 'scanning' | 'validating' | null;
      /** The product whose choice sheet is open over the menu. */
      optionsFor: string | null;
    }
  | { screen: 'walletDeclined'; provider: WalletProvider; notice: MessageKey | null }
  | { screen: 'choosingService'; modes: readonly ServiceMode[]; total: Tiyin }
  | { screen: 'choosingMethod'; methods: readonly PaymentMethod[]; total: Tiyin; notice: MessageKey | null }
  | {
      screen: 'wallet';
      provider: WalletProvider;
      amount: Tiyin;
      notice: MessageKey | null;
      noticeVars: { brand: string };
      /** A code was accepted: the charge is being recorded or sent (the wallet machine's `charging` tag). */
      charging: boolean;
      cameraStatus: string | null;
    }
  | { screen: 'pinpad'; provider: PinpadProvider; amount: Tiyin }
  | { screen: 'scan2pay'; paymentUrl: string; amount: Tiyin; expiresAt: number; reconnecting: boolean }
  /** `leaving`: Cancel was pressed (or time ran out) and the invoice is being cancelled and checked once more. */
  | { screen: 'uzqr'; qrText: string; amount: Tiyin; expiresAt: number; reconnecting: boolean; leaving: boolean }
  | { screen: 'receipt'; amount: Tiyin }
  | { screen: 'receiptTrouble'; orderNumber: string }
  | { screen: 'staffAssist'; amount: Tiyin; method: PaymentMethod | null; reference: string; messageKey: MessageKey | undefined }
  | {
      screen: 'done';
      orderNumber: string;
      total: Tiyin;
      method: PaymentMethod | null;
      receiptUrl: string | null;
      serviceMode: ServiceMode | null;
    }
  /**
   * Between screens (a payment starting, the journal being written); a QR being made (Scan2pay's, or UzQR's:
   * `qrBrand`) can be cancelled.
   */
  | { screen: 'processing'; preparingQr: boolean; qrBrand?: 'uzqr' };

type StateMatch = Parameters<CheckoutSnapshot['matches']>[0];
type TagMatch = Parameters<CheckoutSnapshot['hasTag']>[0];

export interface KioskRouteRow {
  when: { state: StateMatch } | { tag: TagMatch };
  /** The screen and its props; null: not ready yet (the method machine has not started), the next rows decide. */
  props: (snapshot: CheckoutSnapshot, payment: PaymentSnapshots, now: () => number) => KioskRoute | null;
}

// An unknown outcome says why (the gateway unreachable, no answer in time, …) rather than repeating the title;
// the screen's own alert already says to call staff and not to pay again.
function staffReason(snapshot: CheckoutSnapshot): MessageKey | undefined {
  const { outcome, notice } = snapshot.context;
  if (outcome?.outcome === 'unknown' && outcome.error !== null) return gatewayErrorMessageKey(outcome.error);
  return notice ?? undefined;
}

function attemptReference(snapshot: CheckoutSnapshot): string {
  const { orderNumber, attemptId } = snapshot.context;
  const short = (attemptId ?? '').slice(0, 8);
  return orderNumber ? `${orderNumber} · ${short}` : short;
}

export const kioskRoutes: readonly KioskRouteRow[] = [
  { when: { state: 'attract' }, props: () => ({ screen: 'attract' }) },
  {
    when: { tag: 'menu' },
    props: (s) => ({
      screen: 'menu',
      idlePrompt: s.matches('idlePrompt'),
      productScanner: s.matches({ shopping: 'scanningProduct' }) ? { status: s.context.productCameraStatus } : null,
      marking: s.matches({ shopping: 'scanningMarkingCode' })
        ? 'scanning'
        : s.matches({ shopping: 'validatingMarkingCodes' })
          ? 'validating'
          : null,
      optionsFor: s.matches({ shopping: 'choosingOptions' }) ? s.context.optionsProductId : null,
    }),
  },
  {
    when: { state: { shopping: 'walletDeclined' } },
    props: (s) => (isWallet(s.context.method) ? { screen: 'walletDeclined', provider: s.context.method, notice: s.context.notice } : null),
  },
  {
    when: { state: { shopping: 'choosingService' } },
    props: (s) => ({ screen: 'choosingService', modes: s.context.serviceModes, total: s.context.total }),
  },
  {
    when: { state: { shopping: 'choosingMethod' } },
    props: (s) => ({ screen: 'choosingMethod', methods: s.context.methods, total: s.context.total, notice: s.context.notice }),
  },
  {
    when: { state: { paying: 'wallet' } },
    props: (_, { wallet }) =>
      wallet && {
        screen: 'wallet',
        provider: wallet.context.provider,
        amount: wallet.context.amount,
        notice: wallet.context.notice,
        noticeVars: { brand: brandOf(wallet.context.provider) },
        charging: wallet.hasTag('charging'),
        cameraStatus: wallet.context.cameraStatus,
      },
  },
  {
    when: { state: { paying: 'pinpad' } },
    props: (s) =>
      isPinpad(s.context.method)
        ? { screen: 'pinpad', provider: s.context.method, amount: s.context.total }
        : null,
  },
  {
    when: { state: { paying: 'scan2pay' } },
    props: (s, { scan2pay }, now) =>
      scan2pay?.context.paymentUrl
        ? {
            screen: 'scan2pay',
            paymentUrl: scan2pay.context.paymentUrl,
            amount: s.context.total,
            expiresAt: scan2pay.context.expiresAt ?? now(),
            reconnecting: scan2pay.context.reconnecting,
          }
        : { screen: 'processing', preparingQr: true },
  },
  {
    // The QR stays up from its journal write until the machine has cancelled it and checked once more.
    when: { state: { paying: 'uzqr' } },
    props: (s, { uzqr }) =>
      uzqr?.context.qrText && uzqr.context.expiresAt !== null
        ? {
            screen: 'uzqr',
            qrText: uzqr.context.qrText,
            amount: s.context.total,
            expiresAt: uzqr.context.expiresAt,
            reconnecting: uzqr.context.reconnecting,
            leaving: uzqr.context.leaving !== null,
          }
        : { screen: 'processing', preparingQr: true, qrBrand: 'uzqr' },
  },
  { when: { state: 'receipt' }, props: (s) => ({ screen: 'receipt', amount: s.context.total }) },
  { when: { state: 'receiptTrouble' }, props: (s) => ({ screen: 'receiptTrouble', orderNumber: s.context.orderNumber ?? '' }) },
  {
    when: { state: 'staffAssist' },
    props: (s) => ({
      screen: 'staffAssist',
      amount: s.context.total,
      method: s.context.method,
      reference: attemptReference(s),
      messageKey: staffReason(s),
    }),
  },
  {
    when: { state: 'done' },
    props: (s) => ({
      screen: 'done',
      orderNumber: s.context.orderNumber ?? '',
      total: s.context.total,
      method: s.context.method,
      receiptUrl: s.context.receiptUrl,
      serviceMode: s.context.serviceMode,
    }),
  },
];

function matches(snapshot: CheckoutSnapshot, when: KioskRouteRow['when']): boolean {
  return 'tag' in when ? snapshot.hasTag(when.tag) : snapshot.matches(when.state);
}

/** The screen for this snapshot: the first row that matches and is ready, else "processing". */
export function routeFor(snapshot: CheckoutSnapshot, payment: PaymentSnapshots, now: () => number = Date.now): KioskRoute {
  for (const row of kioskRoutes) {
    if (!matches(snapshot, row.when)) continue;
    const route = row.props(snapshot, payment, now);
    if (route) return route;
  }
  return { screen: 'processing', preparingQr: false };
}
