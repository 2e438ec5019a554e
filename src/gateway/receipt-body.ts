/** Builds the `/order/create/` body from a `ReceiptRequest` (gateway-notes.md, "Receipt"). */
import { isTiyin } from '../money/money.ts';
import { isPinpad, isWallet, methodRow, type PinpadProvider, type WalletProvider } from '../domain/payment-methods.ts';
import type { ReceiptLine, ReceiptPayment, ReceiptRequest } from './types.ts';

const isWalletPayment = (p: ReceiptPayment): p is Extract<ReceiptPayment, { method: WalletProvider }> => isWallet(p.method);
const isPinpadPayment = (p: ReceiptPayment): p is Extract<ReceiptPayment, { method: PinpadProvider }> => isPinpad(p.method);

export function productOf(line: ReceiptLine): Record<string, unknown> {
  const product: Record<string, unknown> = { name: line.name };
  if (line.barcode !== undefined && line.barcode !== '') product['barcode'] = line.barcode;
  return Object.assign(product, {
    amount: line.amount,
    unit_name: line.unitName,
    product_price: line.productPrice,
    price: line.price,
    vat: line.vat,
    vat_percent: line.vatPercent,
    discount: 0,
    discount_percent: 0,
    other: 0,
    ...(line.labels && line.labels.length > 0 ? { labels: [...line.labels] } : {}),
    class_code: line.classCode,
    package_code: line.packageCode,
    owner_type: line.ownerType,
  });
}

/** UzQR's `card_type` ("1", "2", "3") as order.md's integer; anything else is a personal card (2), the default. */
export function uzqrCardType(cardType: string | null): 1 | 2 | 3 {
  const trimmed = cardType?.trim();
  return trimmed === '1' ? 1 : trimmed === '3' ? 3 : 2;
}

/** Why a receipt cannot be sent as asked (money not in whole tiyin), or null when it can. */
export function receiptProblem(receipt: ReceiptRequest): string | null {
  if (!isTiyin(receipt.total)) return 'total is not a whole number of tiyin';
  if (receipt.lines.length === 0) return 'a receipt needs at least one line';
  for (const line of receipt.lines) {
    if (!isTiyin(line.productPrice) || !isTiyin(line.price) || !isTiyin(line.vat)) {
      return `line "${line.name}": money is not a whole number of tiyin`;
    }
    if (!Number.isSafeInteger(line.amount) || line.amount <= 0) return `line "${line.name}": bad quantity`;
  }
  return null;
}

/** A text banner (banners.md) with the pickup number, large, bold and centred: what the customer calls for. */
export function pickupNumberBanner(number: string): Record<string, unknown> {
  return {
    type: 'text',
    data: `№ ${number}`,
    cut: false,
    // The sizes of order.md's own banner example (the large bold text it shows for /order/create/).
    style: { font_width: 2, font_height: 100, is_bold: true, align: 'center' },
  };
}

/**
 * The request body for `POST /order/create/`. Everything is paid by card, wallet or Scan2pay, so
 * `received_card` is the total and cash is 0; the payment adds its proof (`extra_info`, `ppt_id`, `scan2pay_paid`).
 */
export function receiptBody(receipt: ReceiptRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    receipt_type: 'order',
    products: receipt.lines.map(productOf),
    uuid: receipt.uuid,
    time: receipt.time,
    cashier: receipt.cashier,
    received_cash: 0,
    received_card: receipt.total,
    change: 0,
    card_type: 2,
  };
  if (receipt.number !== undefined && /^\d+$/.test(receipt.number)) {
    // order.md: `number` is an integer; the banner prints the customer's pickup number in large type.
    body['number'] = Number(receipt.number);
    body['banners'] = [pickupNumberBanner(receipt.number)];
  }
  const payment = receipt.payment;
  if (isWalletPayment(payment)) {
    body['extra_info'] = {
      phone_number: payment.phone,
      qr_payment_id: payment.paymentId,
      qr_payment_provider: methodRow(payment.method).epsCode,
    };
  } else if (isPinpadPayment(payment)) {
    body['ppt_id'] = payment.rrn;
  } else if (payment.method === 'scan2pay') {
    body['scan2pay_paid'] = true;
    body['extra_info'] = { scan2pay_id: payment.scan2payId };
  } else if (payment.method === 'uzqr') {
    // Received by card like every QR payment; the card type is UzQR's when it gave one (order.md: 1 corporate,
    // 2 personal, 3 social), and a social card also carries its masked number.
    const cardType = uzqrCardType(payment.cardType);
    body['card_type'] = cardType;
    if (cardType === 3 && payment.maskedCard) body['extra_info'] = { card_number: payment.maskedCard };
  } else {
    const never: never = payment;
    throw new Error(`unknown payment method in receipt: ${JSON.stringify(never)}`);
  }
  return body;
}
