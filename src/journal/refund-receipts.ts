/**
 * Refund receipts (DESIGN.md §1 rule 11): a card refund that succeeded on the pinpad is fiscal too. After a Humo
 * cancel or UzCard return, `POST /order/refuse/` registers a refund receipt for the same lines and amount, naming
 * the sale receipt's URL (`qr_code`), the refund's RRN (`ppt_id`) and its own uuid. Like sale receipts it is
 * driven from the journal (the refund record's `receipt` field) until it succeeds, across restarts; a refusal
 * that no retry can fix (65274/65275/65276/65277 refund info, 65531/65532/7 data) goes to the staff list.
 */
import { isShiftNotOpen, refundInfoCodes, type FiscalCalls, type RefundReceiptRequest } from '../gateway/fiscal-calls.ts';
import type { GatewayError } from '../gateway/types.ts';
import type { Attempt, AttemptRefund, Journal, RefundReceiptState } from './journal.ts';
import type { OutboxTimers } from './outbox.ts';
import { localTimestamp } from './time.ts';
import { globalTimers } from './journal-sweeper.ts';
import { createAttemptDriver, type AttemptTry } from './attempt-driver.ts';

/** Refusals no retry can fix: the refund receipt goes to staff with the reason. */
const finalCodes = new Set([...refundInfoCodes, '65531', '65532', '7']);

/**
 * Sends one refund receipt, opening a closed fiscal shift once, and says what became of it: registered, refused
 * for good (a final code, or the client refused the request — carrying the error), or `retry` with the error when
 * it must be tried again later. The refund receipts of card refunds and of UzQR refunds both send through here.
 */
export async function sendRefundReceipt(
  deps: { fiscal: Pick<FiscalCalls, 'refundReceipt'>; now: () => Date; openShift?: (() => Promise<boolean>) | undefined },
  request: RefundReceiptRequest,
  uuid: string,
): Promise<{ done: RefundReceiptState; error?: GatewayError } | { retry: GatewayError }> {
  const { fiscal, now, openShift } = deps;
  let answer = await fiscal.refundReceipt(request);
  if (!answer.ok && isShiftNotOpen(answer.error) && openShift && (await openShift())) {
    answer = await fiscal.refundReceipt({ ...request, time: localTimestamp(now()) });
  }
  if (answer.ok) {
    const at = now().toISOString();
    return { done: { state: 'registered', uuid, qrUrl: answer.value.qrUrl, receiptCount: answer.value.receiptCount, at } };
  }
  const error = answer.error;
  if (error.kind === 'refused' || (error.kind === 'rejected' && finalCodes.has(error.code))) {
    const code = error.kind === 'rejected' ? error.code : 'refused';
    const message = error.kind === 'rejected' ? error.message : error.problem;
    return { done: { state: 'refused', uuid, code, message, at: now().toISOString() }, error };
  }
  return { retry: error };
}

export interface RefundReceiptsOptions {
  journal: Journal;
  fiscal: Pick<FiscalCalls, 'refundReceipt'>;
  /** The kiosk's name, sent as `cashier`. */
  cashier: string;
  /** Opens the fiscal shift (fiscal-shift.ts) when the refund receipt is refused for a closed shift. */
  openShift?: () => Promise<boolean>;
  now?: () => Date;
  retryDelaysMs?: readonly number[];
  sweepMs?: number;
  timers?: OutboxTimers;
  newId?: () => string;
}

export interface RefundReceipts {
  /** Sends the attempt's pending refund receipt now (joins a send in the air); resolves with where it stands. */
  drive(attemptId: string): Promise<RefundReceiptState | null>;
  start(): void;
  stop(): void;
  idle(): Promise<void>;
}

/**
 * The refund receipt a new refund of this attempt needs: pending when the sale has a fiscal receipt, else
 * not needed (a payment refunded before its receipt was registered leaves nothing fiscal to undo).
 */
export function newRefundReceipt(attempt: Pick<Attempt, 'receipt'>, newId: () => string = () => crypto.randomUUID()): RefundReceiptState {
  return { state: attempt.receipt?.qrUrl ? 'pending' : 'notNeeded', uuid: newId() };
}

/** The `/order/refuse/` request for an attempt's refund. */
export function refundReceiptRequest(attempt: Attempt, refund: AttemptRefund, uuid: string, cashier: string, at: Date): RefundReceiptRequest {
  return {
    uuid,
    number: attempt.orderNumber,
    time: localTimestamp(at),
    cashier,
    total: attempt.amount,
    lines: structuredClone(attempt.lines),
    originalQrUrl: attempt.receipt?.qrUrl ?? '',
    rrn: refund.rrn ?? null,
  };
}

const defaultDelays = [2_000, 5_000, 15_000, 30_000, 60_000] as const;


export function isPendingRefundReceipt(attempt: Attempt): boolean {
  return attempt.refund?.receipt?.state === 'pending';
}

export function createRefundReceipts(options: RefundReceiptsOptions): RefundReceipts {
  const { journal, fiscal, cashier } = options;
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs && options.retryDelaysMs.length > 0 ? options.retryDelaysMs : defaultDelays;
  const clock = options.timers ?? globalTimers;
  // The sweep reads every attempt, so it runs rarely: a refund receipt in the air is retried by its own timer; the
  // sweep only finds the ones a restart left pending.
  const sweepMs = options.sweepMs ?? 10 * 60_000;
  const driver = createAttemptDriver<RefundReceiptState | null>({
    clock,
    delays,
    sweepMs,
    candidates: () => journal.list(),
    needsWork: isPendingRefundReceipt,
    tryOnce: send,
    // A journal that failed to read or write: tried again with backoff, like gateway trouble.
    whenThrown: () => null,
  });

  async function write(attempt: Attempt, receipt: RefundReceiptState, note: string, error?: GatewayError): Promise<void> {
    await journal.update(attempt.id, 'refund.receipt', error ? { receipt, note, error } : { receipt, note });
  }

  async function send(attemptId: string): Promise<AttemptTry<RefundReceiptState | null>> {
    const attempt = await journal.get(attemptId);
    const refund = attempt?.refund;
    const current = refund?.receipt;
    if (!attempt || !refund || !current || current.state !== 'pending') return { value: current ?? null, retry: false };
    const request = refundReceiptRequest(attempt, refund, current.uuid, cashier, now());
    const sent = await sendRefundReceipt({ fiscal, now, openShift: options.openShift }, request, current.uuid);
    if ('done' in sent) {
      await write(attempt, sent.done, `refund receipt ${sent.done.state}`, sent.error);
      return { value: sent.done, retry: false };
    }
    // Printer, fiscal module or gateway trouble: retried with backoff (the journal keeps it pending).
    return { value: null, retry: true };
  }

  return {
    drive: (attemptId) => driver.drive(attemptId),
    start: () => driver.start(),
    stop: () => driver.stop(),
    idle: () => driver.idle(),
  };
}

/** Staff dealt with a refused refund receipt (registered it elsewhere, or found no need): it leaves the staff list. */
export async function resolveRefundReceipt(
  journal: Journal,
  attemptId: string,
  reason: string,
  now: () => Date = () => new Date(),
): Promise<{ ok: true; attempt: Attempt } | { ok: false; problem: 'missing' | 'journal'; message: string }> {
  const text = reason.trim();
  if (text === '') return { ok: false, problem: 'missing', message: '' };
  try {
    const attempt = await journal.get(attemptId);
    const refund = attempt?.refund;
    if (!attempt || !refund?.receipt) return { ok: false, problem: 'journal', message: `no refund receipt for ${attemptId}` };
    const receipt: RefundReceiptState = { ...refund.receipt, state: 'resolvedByStaff', message: text, at: now().toISOString() };
    const written = await journal.update(attemptId, 'refund.receipt', { receipt, note: `refund receipt: ${text}` });
    return { ok: true, attempt: written };
  } catch (error) {
    return { ok: false, problem: 'journal', message: error instanceof Error ? error.message : String(error) };
  }
}
