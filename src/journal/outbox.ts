/**
 * Drives paid attempts to their fiscal receipt and wallet attempts on to their confirm (UzQR ones on to the
 * receipt link, `POST /payment/one_qr/receipt`), from the journal,
 * until they succeed (DESIGN.md §1 rule 3). One flight per attempt: the checkout's `drive()` and the
 * background sweep share it, so one attempt never has two receipt calls in the air.
 */
import type { Gateway, GatewayError, Receipt, ReceiptPayment, ReceiptRequest } from '../gateway/types.ts';
import type { UzqrCalls } from '../gateway/uzqr-calls.ts';
import { isShiftNotOpen } from '../gateway/fiscal-calls.ts';
import { JournalError, type Attempt, type AttemptReceipt, type Journal } from './journal.ts';
import { decideRecovery, notRegisteredNote, orderLastNote, sentTimeNote, unclearSends } from './receipt-recovery.ts';
import { localTimestamp } from './time.ts';
import { globalTimers } from './journal-sweeper.ts';
import { createAttemptDriver, type AttemptTry } from './attempt-driver.ts';

export { localTimestamp } from './time.ts';

export type DriveResult = { ok: true; receipt: AttemptReceipt } | { ok: false; error: GatewayError };

export interface OutboxOptions {
  journal: Journal;
  gateway: Gateway;
  /** UzQR's calls: after a UzQR receipt, its link goes to the gateway (`sendReceipt`) like a wallet's confirm. */
  uzqr?: Pick<UzqrCalls, 'sendReceipt'>;
  /** The kiosk's name, sent as the receipt's `cashier`. */
  cashier: string;
  now?: () => Date;
  /** Waits between failed tries of one attempt; the last value repeats. Default 1, 2, 4 … 60 s. */
  retryDelaysMs?: readonly number[];
  /** How often the background loop looks for work in the journal. Default 60 s. */
  sweepMs?: number;
  /**
   * Told whenever a receipt gets registered (first try or a later retry); the wiring sends the checkout
   * `receipt.recovered` with it.
   */
  onReceipt?: (id: string, receipt: AttemptReceipt) => void;
  /** How long `/order/last` may leave a lost receipt answer unclear before staff are told. Default 10 min. */
  staffAfterMs?: number;
  /** How long a send without an answer may still be registered by the gateway (receipt timeout + margin). Default 30 s. */
  settleMs?: number;
  /** Timer functions; tests pass a manual scheduler. Default: the global ones. */
  timers?: OutboxTimers;
  /**
   * Opens the fiscal shift (fiscal-shift.ts); true when it is open. A receipt refused because the shift is not
   * open (36909/9326) is sent once more after it (issue 13).
   */
  openShift?: () => Promise<boolean>;
}

export interface OutboxTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}


export interface Outbox {
  /**
   * Registers the attempt's receipt (or takes it from `/order/last` when a previous try may have registered it)
   * and resolves after that first try; the confirm and any retries carry on in the background.
   */
  drive(id: string): Promise<DriveResult>;
  /** Starts the background loop: drives everything the journal says needs work, now and every `sweepMs`. */
  start(): void;
  /** Clears every timer; flights already in the air finish but schedule nothing. */
  stop(): void;
  /** Attempt ids with a retry timer pending (for tests and the staff screen). */
  scheduled(): string[];
  /** Resolves when no attempt is being worked on (its receipt, confirm and journal writes all finished). */
  idle(): Promise<void>;
}

const defaultDelays = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000] as const;

/** Builds the `/order/create` body for a paid attempt. */
export function buildReceiptRequest(attempt: Attempt, cashier: string, at: Date): ReceiptRequest {
  return {
    uuid: attempt.id,
    time: localTimestamp(at),
    cashier,
    total: attempt.total,
    lines: structuredClone(attempt.lines),
    payment: receiptPayment(attempt),
    number: attempt.orderNumber,
  };
}

function receiptPayment(attempt: Attempt): ReceiptPayment {
  const payment = attempt.payment;
  if (!payment) throw new JournalError(`attempt ${attempt.id} has no payment to put on the receipt`);
  switch (payment.method) {
    case 'wallet':
      return { method: payment.payment.provider, phone: payment.payment.phone, paymentId: payment.payment.paymentId };
    case 'pinpad':
      // An approved pinpad answer without an RRN is sent as is; the gateway's answer decides (and staff see it).
      return { method: payment.result.provider, rrn: payment.result.rrn ?? '' };
    case 'scan2pay':
      return { method: 'scan2pay', scan2payId: payment.scan2payId };
    case 'uzqr':
      return { method: 'uzqr', payId: payment.payId, cardType: payment.cardType, maskedCard: payment.maskedCard };
    default: {
      const never: never = payment;
      throw new JournalError(`unknown payment ${String(never)}`);
    }
  }
}

function toAttemptReceipt(receipt: Receipt): AttemptReceipt {
  return {
    qrUrl: receipt.qrUrl,
    receiptCount: receipt.receiptCount,
    fiscalSign: receipt.fiscalSign,
    terminalId: receipt.terminalId,
    dateTime: receipt.dateTime,
  };
}

/** `/order/last` gives only the QR URL; its query (`t`, `r`, `c`, `s`) carries the rest. */
export function receiptFromQrUrl(qrUrl: string): AttemptReceipt {
  let params: URLSearchParams;
  try {
    params = new URL(qrUrl).searchParams;
  } catch {
    params = new URLSearchParams();
  }
  return {
    qrUrl,
    terminalId: params.get('t') ?? '',
    receiptCount: params.get('r') ?? '',
    dateTime: params.get('c') ?? '',
    fiscalSign: params.get('s') ?? '',
  };
}

/**
 * True when an earlier `/order/create` for this attempt may have been registered without the kiosk hearing
 * so: it was sent and no answer was written (crash), or its answer was not a definite "no" (receipt-recovery.ts).
 */
export function mayBeRegistered(attempt: Attempt): boolean {
  return unclearSends(attempt).length > 0;
}

function refused(problem: string): GatewayError {
  return { kind: 'refused', problem };
}

/** Creates the outbox; nothing runs in the background until `start()` or a failed `drive()`. */
export function createOutbox(options: OutboxOptions): Outbox {
  const { journal, gateway, cashier } = options;
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs && options.retryDelaysMs.length > 0 ? options.retryDelaysMs : defaultDelays;
  const sweepMs = options.sweepMs ?? 60_000;
  const staffAfterMs = options.staffAfterMs ?? 10 * 60_000;
  const settleMs = options.settleMs ?? 30_000;
  const clock = options.timers ?? globalTimers;
  const driver = createAttemptDriver<DriveResult>({
    clock,
    delays,
    sweepMs,
    candidates: () => journal.needingWork(),
    tryOnce: work,
    whenThrown: (error) => ({ ok: false, error: refused(`journal: ${error instanceof Error ? error.message : String(error)}`) }),
  });

  /**
   * One try: the receipt, then the confirm. The checkout hears the receipt's answer as soon as it has one; the
   * confirm after it goes on in the same flight (a failed or finished try answers when the flight has ended, so a
   * retry is already scheduled).
   */
  async function work(id: string, answer: (result: DriveResult) => void): Promise<AttemptTry<DriveResult>> {
    const attempt = await journal.get(id);
    if (!attempt) return { value: { ok: false, error: refused(`no attempt ${id}`) }, retry: false };
    let current: Attempt = attempt;
    let receipted: DriveResult;
    if (current.status === 'paid') {
      const result = await sendReceipt(current);
      if (result.drive.ok) notify(id, result.drive.receipt);
      if (!result.drive.ok || !result.written) return { value: result.drive, retry: true };
      receipted = result.drive;
      current = result.written;
    } else if ((current.status === 'receipted' || current.status === 'done') && current.receipt) {
      receipted = { ok: true, receipt: current.receipt };
    } else {
      return { value: { ok: false, error: refused(`attempt ${id} is ${current.status}`) }, retry: false };
    }
    if (current.status !== 'receipted') return { value: receipted, retry: false };
    answer(receipted);
    return { value: receipted, retry: !(await finish(current)) };
  }

  /** One receipt try. `written` is the journal's record after success, or null when the journal write failed. */
  async function sendReceipt(attempt: Attempt): Promise<{ drive: DriveResult; written: Attempt | null }> {
    if (mayBeRegistered(attempt)) {
      const decision = decideRecovery({ attempt, last: await gateway.orderLast(), now: now(), staffAfterMs, settleMs });
      if (decision.action === 'adopt') {
        const receipt = receiptFromQrUrl(decision.qrUrl);
        const written = await journal.update(attempt.id, 'receipt.registered', { receipt, note: 'found by /order/last' });
        return { drive: { ok: true, receipt }, written };
      }
      if (decision.action === 'wait') {
        const error: GatewayError = decision.error ?? { kind: 'invalid', problem: decision.evidence, raw: '' };
        // Before the bound a note keeps the evidence; past it the receipt error puts it in front of staff.
        const note = `${orderLastNote}: ${decision.needsStaff ? 'needs staff: ' : ''}${decision.evidence}`;
        if (attempt.history.at(-1)?.note !== note) {
          await journal.update(attempt.id, decision.needsStaff ? 'receipt.failed' : 'note', decision.needsStaff ? { error, note } : { note });
        }
        return { drive: { ok: false, error }, written: null };
      }
      await journal.update(attempt.id, 'note', { note: `${notRegisteredNote} (${decision.evidence})` });
    }
    const request = buildReceiptRequest(attempt, cashier, now());
    await journal.update(attempt.id, 'receipt.sending', { note: sentTimeNote(request.time) });
    let answer = await gateway.orderCreate(request);
    if (!answer.ok && isShiftNotOpen(answer.error) && options.openShift && (await options.openShift())) {
      // A definite "shift not open": nothing was registered. With the shift open, register once more (no staff).
      await journal.update(attempt.id, 'receipt.failed', { error: answer.error, note: 'shift not open' });
      const again = buildReceiptRequest(attempt, cashier, now());
      await journal.update(attempt.id, 'receipt.sending', { note: sentTimeNote(again.time) });
      answer = await gateway.orderCreate(again);
    }
    if (!answer.ok) {
      await journal.update(attempt.id, 'receipt.failed', { error: answer.error });
      return { drive: { ok: false, error: answer.error }, written: null };
    }
    const receipt = toAttemptReceipt(answer.value);
    try {
      const written = await journal.update(attempt.id, 'receipt.registered', { receipt });
      return { drive: { ok: true, receipt }, written };
    } catch {
      // The receipt exists; the retry will find it through /order/last (the journal still says "sending").
      return { drive: { ok: true, receipt }, written: null };
    }
  }

  /**
   * The step after the receipt: a wallet's confirm, UzQR's receipt link, or simply done. False when it must be
   * tried again. Once the journal says `confirm.done` the attempt is done, so an acknowledged call is never repeated.
   */
  async function finish(attempt: Attempt): Promise<boolean> {
    const payment = attempt.payment;
    const confirms = payment?.method === 'wallet' || payment?.method === 'uzqr';
    if (attempt.confirm !== 'pending' || !confirms || !attempt.receipt) {
      await journal.update(attempt.id, 'confirm.skipped');
      return true;
    }
    const receiptUrl = attempt.receipt.qrUrl;
    const answer =
      payment.method === 'wallet'
        ? await gateway.walletConfirm(
            payment.payment.provider,
            { paymentId: payment.payment.paymentId, transactionId: payment.payment.transactionId },
            receiptUrl,
          )
        : options.uzqr
          ? await options.uzqr.sendReceipt({ payId: payment.payId, receiptUrl })
          : ({ ok: false, error: refused('UzQR calls not wired') } as const);
    if (answer.ok) {
      await journal.update(attempt.id, 'confirm.done');
      return true;
    }
    await journal.update(attempt.id, 'confirm.failed', { error: answer.error });
    return false;
  }

  function notify(id: string, receipt: AttemptReceipt): void {
    try {
      options.onReceipt?.(id, receipt);
    } catch {
      // A listener's failure must not stop the outbox.
    }
  }

  return {
    drive: (id) => driver.drive(id),
    start: () => driver.start(),
    stop: () => driver.stop(),
    scheduled: () => driver.scheduled(),
    idle: () => driver.idle(),
  };
}
