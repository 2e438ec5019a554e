/**
 * Scan2pay orders: created with a payment URL, paid on command (control API) or after a set number of
 * status polls. Order ids are compared as text (the vendor sends them as a number in one call and a string
 * in the other).
 */
import type { IdSource } from './random-ids.ts';
import { checkAmount, checkText, fail, ok, validationError, type Envelope, type FieldErrors } from './envelope.ts';

export interface Scan2payOrder {
  orderId: string;
  amount: number;
  print: boolean;
  url: string;
  createdAt: string;
  /** Status polls answered so far. */
  polls: number;
  /** Scan2pay's own id for the payment, set when paid. */
  scan2payId: string | null;
  paidAt: string | null;
}

/** The "not paid yet" answer (also for an unknown order), exactly as gateway-api.md shows it. */
export const notPaidYet: Envelope = fail(105, '{"status":"error","message":"Transaction not found"}HTTP Exception 404 Not Found');

/** Scan2pay orders by id. */
export class Scan2payStore {
  private orders = new Map<string, Scan2payOrder>();

  constructor(private readonly ids: IdSource) {}

  /** `POST /payment/qr_pay`: a new payment URL; creating an unpaid order again replaces its URL. */
  create(body: unknown, now: Date): Envelope {
    const errors: FieldErrors = {};
    const amount = checkAmount(body, errors);
    const orderId = checkText(body, errors, 'order_id');
    if (amount === undefined || orderId === undefined) return validationError(errors);
    const existing = this.orders.get(orderId);
    if (existing?.paidAt) return validationError({ order_id: ['Order already paid.'] });
    const print = (body as Record<string, unknown>)['print'] === true;
    const order: Scan2payOrder = {
      orderId,
      amount,
      print,
      url: `http://scan2pay.uz/${this.ids.uuid()}`,
      createdAt: now.toISOString(),
      polls: 0,
      scan2payId: null,
      paidAt: null,
    };
    this.orders.set(orderId, order);
    return ok({ status: 'successfully', message: order.url });
  }

  /**
   * `POST /payment/qr_pay/status`: code 105 until paid. With `paidAfterPolls` = N the order answers
   * "not paid" N times and is paid from poll N + 1 on; null means only the control API pays it.
   */
  status(body: unknown, paidAfterPolls: number | null, now: Date): Envelope {
    const errors: FieldErrors = {};
    const orderId = checkText(body, errors, 'order_id');
    if (orderId === undefined) return validationError(errors);
    const order = this.orders.get(orderId);
    if (!order) return notPaidYet;
    if (!order.paidAt && paidAfterPolls !== null && order.polls >= paidAfterPolls) this.pay(order, now);
    order.polls += 1;
    if (!order.paidAt || !order.scan2payId) return notPaidYet;
    return ok({
      status: 'successfully',
      data: { uuid: order.scan2payId, order_id: order.orderId, device: '00000001', status: 'success' },
      message: null,
    });
  }

  /** Marks an order paid (the customer paid in the app). False if there is no such order. */
  markPaid(orderId: string, now: Date): boolean {
    const order = this.orders.get(orderId);
    if (!order) return false;
    if (!order.paidAt) this.pay(order, now);
    return true;
  }

  /** Every order, oldest first (copies). */
  list(): Scan2payOrder[] {
    return [...this.orders.values()].map((o) => ({ ...o }));
  }

  private pay(order: Scan2payOrder, now: Date): void {
    order.paidAt = now.toISOString();
    order.scan2payId = this.ids.uuid();
  }
}
