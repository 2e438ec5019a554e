/**
 * Opening and closing the fiscal shift (z-report-and-x-report.md), each action written to the journal's fiscal
 * log. "Already open" when opening and "already closed" or "empty" (36907) when closing are what was wanted,
 * so they count as done. One open at a time: the outbox and the daily close may ask together.
 */
import {
  emptyShiftCode,
  isShiftAlreadyOpen,
  shiftNotOpenCodes,
  type FiscalCalls,
  type ShiftReport,
} from '../gateway/fiscal-calls.ts';
import type { GatewayError } from '../gateway/types.ts';
import type { FiscalLogEntry } from '../journal/journal.ts';
import { localTimestamp } from '../journal/time.ts';

export interface FiscalLogWriter {
  logFiscal(entry: FiscalLogEntry): Promise<void>;
}

export type CloseOutcome =
  | { ok: true; kind: 'closed'; report: ShiftReport }
  /** Nothing to close: the shift was empty (36907) or already closed (9326/36909). */
  | { ok: true; kind: 'nothing' }
  | { ok: false; error: GatewayError };

export interface ShiftKeeper {
  /** Opens the shift; true when it is open (opened now or already). */
  open(reason: string): Promise<boolean>;
  /** The Z-report: closes the shift. */
  close(reason: string): Promise<CloseOutcome>;
}

export interface ShiftKeeperOptions {
  fiscal: Pick<FiscalCalls, 'openShift' | 'closeShift'>;
  log: FiscalLogWriter;
  now?: () => Date;
}

function codeOf(error: GatewayError): string {
  switch (error.kind) {
    case 'rejected':
      return error.code;
    case 'unknown':
      return error.reason;
    case 'http':
      return String(error.status);
    default:
      return error.kind;
  }
}

/** Sums a report's totals for the log: "sales 3: 195000 (card 0, cash 195000); refunds 0: 0". */
export function reportSummary(report: ShiftReport): string {
  const sales = (report.totalSaleCard ?? 0) + (report.totalSaleCash ?? 0);
  const refunds = (report.totalRefundCard ?? 0) + (report.totalRefundCash ?? 0);
  return `shift ${report.number ?? '?'}: sales ${report.totalSaleCount ?? 0} for ${sales}, refunds ${report.totalRefundCount ?? 0} for ${refunds} (tiyin)`;
}

export function createShiftKeeper(options: ShiftKeeperOptions): ShiftKeeper {
  const now = options.now ?? (() => new Date());
  let opening: Promise<boolean> | null = null;

  async function log(entry: Omit<FiscalLogEntry, 'at'>): Promise<void> {
    try {
      await options.log.logFiscal({ at: now().toISOString(), ...entry });
    } catch {
      // The log is for staff; a failed write must not stop the shift action it describes.
    }
  }

  async function doOpen(reason: string): Promise<boolean> {
    const result = await options.fiscal.openShift(localTimestamp(now()));
    if (result.ok) {
      await log({
        action: 'shift.open',
        outcome: result.value.alreadyOpen ? 'skipped' : 'ok',
        note: result.value.alreadyOpen ? `${reason}: already open` : reason,
      });
      return true;
    }
    await log({ action: 'shift.open', outcome: 'failed', code: codeOf(result.error), note: reason });
    return isShiftAlreadyOpen(result.error);
  }

  return {
    open(reason) {
      opening ??= doOpen(reason).finally(() => {
        opening = null;
      });
      return opening;
    },
    async close(reason) {
      const result = await options.fiscal.closeShift(localTimestamp(now()));
      if (result.ok) {
        await log({ action: 'shift.close', outcome: 'ok', note: `${reason}; ${reportSummary(result.value)}` });
        return { ok: true, kind: 'closed', report: result.value };
      }
      const error = result.error;
      if (error.kind === 'rejected' && (error.code === emptyShiftCode || shiftNotOpenCodes.includes(error.code))) {
        const why = error.code === emptyShiftCode ? 'empty shift' : 'already closed';
        await log({ action: 'shift.close', outcome: 'skipped', code: error.code, note: `${reason}: ${why}` });
        return { ok: true, kind: 'nothing' };
      }
      await log({ action: 'shift.close', outcome: 'failed', code: codeOf(error), note: reason });
      return { ok: false, error };
    },
  };
}
