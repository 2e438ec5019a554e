/**
 * Follows staff's UzQR refunds until they are final and registers a refund receipt for each one that went through
 * (DESIGN.md §1 rule 11). Refunds are asynchronous (uzqr.md): a `pending` refund is asked about with the refund
 * status call, with backoff, until it says refunded or failed; a refunded one gets `POST /order/refuse/` for its
 * own amount, naming the sale receipt. Driven from the journal, so a restart picks up where it stopped.
 */
import { includedVat } from '../checkout/receipt-lines.ts';
import type { RefundReceiptRequest } from '../gateway/fiscal-calls.ts';
import type { GatewayError, ReceiptLine } from '../gateway/types.ts';
import type { UzqrCalls } from '../gateway/uzqr-calls.ts';
import { tiyin, type Tiyin } from '../money/money.ts';
import type { Attempt, RefundReceiptState, UzqrRefundRecord } from './journal.ts';
import { newRefundReceipt, sendRefundReceipt, type RefundReceiptsOptions } from './refund-receipts.ts';
import { globalTimers } from './journal-sweeper.ts';
import { createAttemptDriver } from './attempt-driver.ts';
import { localTimestamp } from './time.ts';

/**
 * The receipt lines of a refund of `amount` out of a sale's `lines`: whole lines first, in order, then the part
 * left as one line whose price is what remains (as whole units when it is a multiple of the unit price, else one
 * unit at that price), VAT recomputed on it. The lines always add up to `amount` exactly.
 */
export function refundLines(lines: readonly ReceiptLine[], amount: Tiyin): ReceiptLine[] {
  const out: ReceiptLine[] = [];
  let left: number = amount;
  for (const line of lines) {
    if (left <= 0) break;
    if (line.price <= left) {
      out.push(structuredClone(line));
      left -= line.price;
      continue;
    }
    const part = tiyin(left);
    const wholeUnits = line.productPrice > 0 && part % line.productPrice === 0 ? part / line.productPrice : null;
    const partLine: ReceiptLine = {
      ...structuredClone(line),
      amount: (wholeUnits ?? 1) * 1000,
      productPrice: wholeUnits === null ? part : line.productPrice,
      price: part,
      vat: includedVat(part, line.vatPercent),
    };
    // A marked product's codes travel one per unit: the refunded units keep theirs.
    if (line.labels) partLine.labels = line.labels.slice(0, wholeUnits ?? 1);
    out.push(partLine);
    left = 0;
  }
  if (left > 0) throw new RangeError(`a refund of ${amount} is more than the sale's lines`);
  return out;
}

/** The `/order/refuse/` request for one UzQR refund. */
export function uzqrRefundReceiptRequest(attempt: Attempt, refund: UzqrRefundRecord, uuid: string, cashier: string, at: Date): RefundReceiptRequest {
  return {
    uuid,
    number: attempt.orderNumber,
    time: localTimestamp(at),
    cashier,
    total: refund.amount,
    lines: refundLines(attempt.lines, refund.amount),
    originalQrUrl: attempt.receipt?.qrUrl ?? '',
    rrn: null,
  };
}

/** Whether a refund record still needs the watcher: followed while pending, or its receipt not yet registered. */
export function needsWork(refund: UzqrRefundRecord): boolean {
  if (refund.state === 'pending') return refund.refundId !== null;
  if (refund.state === 'refunded') return refund.receipt === undefined || refund.receipt.state === 'pending';
  return false;
}

/** The refund receipts' options (the refund receipt is sent the same way), and UzQR's refund status call. */
export interface UzqrRefundWatcherOptions extends Omit<RefundReceiptsOptions, 'newId'> {
  uzqr: Pick<UzqrCalls, 'refundStatus'>;
}

export interface UzqrRefundWatcher {
  /** Works on the attempt's refunds now (joins a run in the air); resolves with its refunds as they stand. */
  drive(attemptId: string): Promise<UzqrRefundRecord[]>;
  start(): void;
  stop(): void;
  idle(): Promise<void>;
}

// The first check comes soon (the simulator and UzQR settle in seconds), then backs off to once a minute.
const defaultDelays = [1_000, 3_000, 10_000, 30_000, 60_000] as const;


export function createUzqrRefundWatcher(options: UzqrRefundWatcherOptions): UzqrRefundWatcher {
  const { journal, uzqr, fiscal, cashier } = options;
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs && options.retryDelaysMs.length > 0 ? options.retryDelaysMs : defaultDelays;
  const clock = options.timers ?? globalTimers;
  const sweepMs = options.sweepMs ?? 10 * 60_000;
  const driver = createAttemptDriver<UzqrRefundRecord[]>({
    clock,
    delays,
    sweepMs,
    candidates: () => journal.list(),
    needsWork: (attempt) => (attempt.uzqrRefunds ?? []).some(needsWork),
    // Still pending (or the gateway had no answer): asked again after the next backoff delay.
    tryOnce: async (attemptId) => {
      const { after, more } = await run(attemptId);
      return { value: after, retry: more };
    },
    whenThrown: () => [],
  });

  async function write(attemptId: string, record: UzqrRefundRecord, note: string, error?: GatewayError): Promise<void> {
    // Only this record changes (journal.ts `uzqr.refund`): staff may add a refund while this one is on the wire.
    await journal.update(attemptId, 'uzqr.refund', error ? { uzqrRefund: record, note, error } : { uzqrRefund: record, note });
  }

  /** One step for one refund; true when it still needs work later. */
  async function step(attempt: Attempt, refund: UzqrRefundRecord): Promise<boolean> {
    if (refund.state === 'pending' && refund.refundId !== null) {
      const answer = await uzqr.refundStatus(refund.refundId);
      if (!answer.ok) {
        // 9001/6001 (retry later), a lost answer: asked again with backoff; the refund stays pending.
        return true;
      }
      if (answer.value.status === 'pending') return true;
      const next: UzqrRefundRecord = { ...refund, state: answer.value.status };
      if (next.state === 'refunded') next.receipt = newRefundReceipt(attempt, () => refund.id);
      await write(attempt.id, next, `UzQR refund ${refund.refundId} ${next.state}`);
      return next.state === 'refunded' && next.receipt?.state === 'pending' ? await step({ ...attempt }, next) : false;
    }
    if (refund.state === 'refunded' && refund.receipt === undefined) {
      const next: UzqrRefundRecord = { ...refund, receipt: newRefundReceipt(attempt, () => refund.id) };
      await write(attempt.id, next, 'UzQR refund receipt due');
      return next.receipt?.state === 'pending' ? await step(attempt, next) : false;
    }
    if (refund.state === 'refunded' && refund.receipt?.state === 'pending') {
      const receipt = await sendReceipt(attempt, refund, refund.receipt);
      return receipt === null;
    }
    return false;
  }

  /** The refund receipt; null when it must be tried again later. */
  async function sendReceipt(attempt: Attempt, refund: UzqrRefundRecord, current: RefundReceiptState): Promise<RefundReceiptState | null> {
    let request: RefundReceiptRequest;
    try {
      request = uzqrRefundReceiptRequest(attempt, refund, current.uuid, cashier, now());
    } catch (error) {
      const refused: RefundReceiptState = { state: 'refused', uuid: current.uuid, code: 'refused', message: String(error), at: now().toISOString() };
      await write(attempt.id, { ...refund, receipt: refused }, 'UzQR refund receipt refused');
      return refused;
    }
    const sent = await sendRefundReceipt({ fiscal, now, openShift: options.openShift }, request, current.uuid);
    if (!('done' in sent)) return null;
    await write(attempt.id, { ...refund, receipt: sent.done }, `UzQR refund receipt ${sent.done.state}`, sent.error);
    return sent.done;
  }

  /** Every refund of the attempt one step on; `more` when one still needs a later look. */
  async function run(attemptId: string): Promise<{ after: UzqrRefundRecord[]; more: boolean }> {
    const attempt = await journal.get(attemptId);
    let more = false;
    for (const refund of attempt?.uzqrRefunds ?? []) {
      if (driver.stopped) break;
      if (!attempt || !needsWork(refund)) continue;
      // Each refund reads the attempt as the previous step left it.
      const fresh = (await journal.get(attemptId)) ?? attempt;
      const current = fresh.uzqrRefunds?.find((r) => r.id === refund.id) ?? refund;
      if (await step(fresh, current).catch(() => true)) more = true;
    }
    return { after: (await journal.get(attemptId))?.uzqrRefunds ?? [], more };
  }

  return {
    drive: (attemptId) => driver.drive(attemptId),
    start: () => driver.start(),
    stop: () => driver.stop(),
    idle: () => driver.idle(),
  };
}
