/**
 * Every payment method the kiosk knows, in one table: the method types, the wallet/pinpad tests, the brand on
 * the buttons, the gateway's names and codes, what staff must read off a found payment, and the messages a
 * method needs. Adding a method is one row here plus its payment machine (the checkout picks the machine by
 * the row's `machine`; payment-methods.test.ts checks the row has a machine, a brand, messages in uz/ru/en and
 * a simulator route).
 *
 * The bottom layer: this module imports no app code (only the message key type).
 */
import type { MessageKey } from '../i18n/messages/en.ts';

/** How the customer pays: a wallet's QR held to the camera, a card on a pinpad, or a QR shown on screen. */
export type PaymentMethodKind = 'wallet' | 'pinpad' | 'shownQr';

/** What staff read off the provider's app or the terminal to mark a payment found (staff-actions.ts). */
export type FoundField = 'rrn' | 'paymentId' | 'transactionId' | 'phone' | 'scan2payId' | 'uzqrPayId';

interface RowBase {
  readonly id: string;
  readonly kind: PaymentMethodKind;
  /** The checkout's payment child that takes this method (checkout.machine.ts, `paying.<machine>`). */
  readonly machine: string;
  /** The brand, the same in every language (DESIGN.md §5: each method's button is named by its brand). */
  readonly brand: string;
  /** The method's name in the gateway's paths (`/payment/<gatewayName>`). */
  readonly gatewayName: string;
  readonly staffFound: { readonly required: readonly FoundField[]; readonly optional: readonly FoundField[] };
  readonly messages: Readonly<Record<string, MessageKey>>;
}

interface WalletRow extends RowBase {
  readonly kind: 'wallet';
  readonly machine: 'wallet';
  /** The provider's product the customer opens (Click Pass…), for the README and the simulator page. */
  readonly product: string;
  /** EPS code the receipt's `extra_info.qr_payment_provider` carries (gateway-notes.md). */
  readonly epsCode: number;
  /** The key the fiscal confirm (`/payment/<gatewayName>_confirm`) is sent by. */
  readonly confirmKey: 'payment_id' | 'transaction_id';
  readonly messages: { readonly instruction: MessageKey };
}

interface PinpadRow extends RowBase {
  readonly kind: 'pinpad';
  readonly machine: 'pinpad';
  /** Gateway `error.code` of a declined call on this pinpad (errors.md). */
  readonly declineCode: string;
  /** What a same-shift refund is called, and what it is keyed by (`configured`: config `humoCancelBy`). */
  readonly refund: { readonly verb: 'cancel' | 'return'; readonly key: 'configured' | 'rrn' };
  readonly messages: {
    readonly closeShift: MessageKey;
    readonly confirmClose: MessageKey;
    readonly reprintSlip: MessageKey;
    readonly reprintClose: MessageKey;
    readonly shortReport: MessageKey;
  };
}

interface ShownQrRow extends RowBase {
  readonly kind: 'shownQr';
  /** UzQR takes its amount as a so'm string with two decimals (uzqr.md), never by the `amountUnits` setting. */
  readonly amountAsSomString?: true;
  readonly messages: { readonly title: MessageKey; readonly instruction: MessageKey };
}

type MethodRow = WalletRow | PinpadRow | ShownQrRow;

const walletStaffFound = { required: ['paymentId'], optional: ['phone'] } as const;

/** In the order the README and the config's `methods` list them. */
export const paymentMethodTable = [
  {
    id: 'click',
    kind: 'wallet',
    machine: 'wallet',
    brand: 'Click',
    product: 'Click Pass',
    gatewayName: 'click',
    epsCode: 64,
    confirmKey: 'payment_id',
    staffFound: walletStaffFound,
    messages: { instruction: 'screen.wallet.instruction.click' },
  },
  {
    id: 'payme',
    kind: 'wallet',
    machine: 'wallet',
    brand: 'Payme',
    product: 'Payme Go',
    gatewayName: 'payme',
    epsCode: 141,
    confirmKey: 'payment_id',
    staffFound: walletStaffFound,
    messages: { instruction: 'screen.wallet.instruction.payme' },
  },
  {
    id: 'uzum',
    kind: 'wallet',
    machine: 'wallet',
    brand: 'Uzum',
    product: 'Uzum FastPay',
    gatewayName: 'uzum',
    epsCode: 161,
    confirmKey: 'payment_id',
    staffFound: walletStaffFound,
    messages: { instruction: 'screen.wallet.instruction.uzum' },
  },
  {
    id: 'anor',
    kind: 'wallet',
    machine: 'wallet',
    brand: 'Anor',
    product: 'AnorCheck',
    gatewayName: 'anor',
    epsCode: 187,
    // Anor's confirm is keyed by the transaction id, so staff must read both ids off a found payment.
    confirmKey: 'transaction_id',
    staffFound: { required: ['paymentId', 'transactionId'], optional: ['phone'] },
    messages: { instruction: 'screen.wallet.instruction.anor' },
  },
  {
    id: 'humo',
    kind: 'pinpad',
    machine: 'pinpad',
    brand: 'Humo',
    // The vendor spells it XUMO in paths and codes.
    gatewayName: 'xumo',
    declineCode: '108',
    refund: { verb: 'cancel', key: 'configured' },
    staffFound: { required: ['rrn'], optional: [] },
    messages: {
      closeShift: 'staff.recon.closeHumo',
      confirmClose: 'staff.recon.confirmHumo',
      reprintSlip: 'staff.fiscal.reprintHumo',
      reprintClose: 'staff.fiscal.reprintHumoClose',
      shortReport: 'staff.fiscal.shortHumo',
    },
  },
  {
    id: 'uzcard',
    kind: 'pinpad',
    machine: 'pinpad',
    brand: 'UzCard',
    gatewayName: 'uzcard',
    declineCode: '109',
    refund: { verb: 'return', key: 'rrn' },
    staffFound: { required: ['rrn'], optional: [] },
    messages: {
      closeShift: 'staff.recon.closeUzcard',
      confirmClose: 'staff.recon.confirmUzcard',
      reprintSlip: 'staff.fiscal.reprintUzcard',
      reprintClose: 'staff.fiscal.reprintUzcardClose',
      shortReport: 'staff.fiscal.shortUzcard',
    },
  },
  {
    id: 'scan2pay',
    kind: 'shownQr',
    machine: 'scan2pay',
    brand: 'Scan2pay',
    gatewayName: 'qr_pay',
    staffFound: { required: ['scan2payId'], optional: [] },
    messages: { title: 'screen.scan2pay.title', instruction: 'screen.scan2pay.instruction' },
  },
  {
    // The national unified QR (uzqr.md): a dynamic invoice any bank app pays, with a real cancel and refunds.
    id: 'uzqr',
    kind: 'shownQr',
    machine: 'uzqr',
    brand: 'UzQR',
    gatewayName: 'one_qr',
    amountAsSomString: true,
    staffFound: { required: ['uzqrPayId'], optional: [] },
    messages: { title: 'screen.uzqr.title', instruction: 'screen.uzqr.instruction' },
  },
] as const satisfies readonly MethodRow[];

export type PaymentMethodRow = (typeof paymentMethodTable)[number];
export type PaymentMethod = PaymentMethodRow['id'];
export type WalletProvider = Extract<PaymentMethodRow, { kind: 'wallet' }>['id'];
export type PinpadProvider = Extract<PaymentMethodRow, { kind: 'pinpad' }>['id'];
/** The checkout's payment children, by the name of their `paying` state. */
export type PaymentMachine = PaymentMethodRow['machine'];
/** Methods whose amount unit (tiyin or sum) is a config setting (`amountUnits`): pinpads always take tiyin, UzQR a so'm string. */
export type UnitConfigurableMethod = Exclude<
  PaymentMethod,
  PinpadProvider | Extract<PaymentMethodRow, { amountAsSomString: true }>['id']
>;

export type MethodRowOf<M extends PaymentMethod> = Extract<PaymentMethodRow, { id: M }>;

const byId = new Map<string, PaymentMethodRow>(paymentMethodTable.map((row) => [row.id, row]));

/** Every method id, in table order (the config's picklist). */
export const paymentMethods: readonly PaymentMethod[] = paymentMethodTable.map((row) => row.id);
export const walletProviders: readonly WalletProvider[] = paymentMethodTable.flatMap((row) =>
  row.kind === 'wallet' ? [row.id] : [],
);
export const pinpadProviders: readonly PinpadProvider[] = paymentMethodTable.flatMap((row) =>
  row.kind === 'pinpad' ? [row.id] : [],
);
export const unitConfigurableMethods = paymentMethodTable.flatMap((row) =>
  row.kind === 'pinpad' || 'amountAsSomString' in row ? [] : [row.id],
) as readonly UnitConfigurableMethod[];

export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return typeof value === 'string' && byId.has(value);
}

/** A method's row. Typed by the id, so `methodRow('humo').refund` needs no narrowing. */
export function methodRow<M extends PaymentMethod>(method: M): MethodRowOf<M> {
  // Total over PaymentMethod: every id is a row of the table it is derived from.
  return byId.get(method) as MethodRowOf<M>;
}

// Read through `byId.get` so a value from storage or the wire that is no method at all is simply neither.
export function isWallet(method: unknown): method is WalletProvider {
  return typeof method === 'string' && byId.get(method)?.kind === 'wallet';
}

export function isPinpad(method: unknown): method is PinpadProvider {
  return typeof method === 'string' && byId.get(method)?.kind === 'pinpad';
}

/** The brand the customer knows; there is no fallback, so an unknown method cannot show another's brand. */
export function brandOf(method: PaymentMethod): string {
  // A journal written by another build may name a method this one lacks: show its id, never a neighbour's brand.
  return byId.get(method)?.brand ?? String(method);
}

/** The payment machine that takes a method. */
export function machineOf(method: PaymentMethod): PaymentMachine {
  return methodRow(method).machine;
}
