/**
 * Can the fiscal module register a receipt? Read from `/info/` (info.md) and the codes of errors.md, as a pure
 * function so every threshold and code has its own test. A kiosk takes no money a receipt cannot follow
 * (DESIGN.md §1 rule 11): a blocking condition stops payment before the charge; a warning goes to staff only.
 */
import type { FiscalInfo } from '../gateway/fiscal-calls.ts';
import type { Result } from '../gateway/types.ts';

/** Conditions under which no receipt can be registered: payment is not offered. */
export type FiscalBlock =
  /** 65534 cannot connect card: the module is not connected. */
  | 'notConnected'
  /** 102 FISCAL_MODULE_NOT_INITIALIZED. */
  | 'notInitialised'
  /** 65279 Fiscal drive locked (e.g. for non-payment). */
  | 'blocked'
  /** 333 the CTO subscription expired. */
  | 'subscriptionExpired'
  /** 36886, or `receipt_count` (unsent) at `receipt_max_count`. */
  | 'receiptMemoryFull'
  /** 36889, or `first_unacknowledged_receipt_time` older than `maxOfflineDays`. */
  | 'offlineTooLong';

/** Conditions staff should see before they block sales. */
export type FiscalWarning =
  /** Unsent receipts at or above `unsentWarnPercent` of `receipt_max_count`. */
  | 'unsentNearMax'
  /** Closed shifts (`zreport_count`) at or above `zreportWarnPercent` of `zreport_max_count` (36898 when full). */
  | 'zreportMemoryNearFull'
  /** The module's clock differs from the kiosk's by more than `clockWarnSeconds`. */
  | 'clockOff'
  /** The oldest unsent receipt is more than half of `maxOfflineDays` old. */
  | 'offlineGettingLong'
  /** `/info/` gave no usable answer: the kiosk cannot tell (payment stays offered; receipts retry as before). */
  | 'unreadable';

export interface FiscalThresholds {
  /** Days a receipt may stay unsent before sales stop (the fiscal module's own limit, 36889). */
  maxOfflineDays: number;
  unsentWarnPercent: number;
  zreportWarnPercent: number;
  clockWarnSeconds: number;
}

export const defaultFiscalThresholds: FiscalThresholds = {
  maxOfflineDays: 2,
  unsentWarnPercent: 80,
  zreportWarnPercent: 90,
  clockWarnSeconds: 120,
};

export interface FiscalHealth {
  /** When the reading was taken (ms since the epoch, kiosk clock). */
  at: number;
  canSell: boolean;
  blocks: FiscalBlock[];
  warnings: FiscalWarning[];
  /** The gateway's `error.code` when `/info/` refused, else null. */
  code: string | null;
  info: FiscalInfo | null;
}

/** errors.md codes that mean no receipt can be registered now; null for any other code. */
export function blockForCode(code: string): FiscalBlock | null {
  switch (code) {
    case '65534':
      return 'notConnected';
    case '102':
      return 'notInitialised';
    case '65279':
      return 'blocked';
    case '333':
      return 'subscriptionExpired';
    case '36886':
      return 'receiptMemoryFull';
    case '36889':
      return 'offlineTooLong';
    default:
      return null;
  }
}

/** The fiscal module's local `yyyy-MM-dd HH:mm:ss` as a Date on the kiosk's clock; null when unreadable. */
export function parseModuleTime(text: string | null): Date | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s);
}

const dayMs = 24 * 60 * 60 * 1000;

/** Reads the module's state from one `/info/` answer. */
export function assessFiscalHealth(reading: Result<FiscalInfo>, now: Date, thresholds: FiscalThresholds = defaultFiscalThresholds): FiscalHealth {
  const at = now.getTime();
  if (!reading.ok) {
    const error = reading.error;
    if (error.kind === 'rejected') {
      const block = blockForCode(error.code);
      if (block) return { at, canSell: false, blocks: [block], warnings: [], code: error.code, info: null };
      return { at, canSell: true, blocks: [], warnings: ['unreadable'], code: error.code, info: null };
    }
    return { at, canSell: true, blocks: [], warnings: ['unreadable'], code: null, info: null };
  }
  const info = reading.value;
  const blocks: FiscalBlock[] = [];
  const warnings: FiscalWarning[] = [];

  const unsent = info.receiptCount;
  const max = info.receiptMaxCount;
  if (unsent !== null && max !== null && max > 0) {
    if (unsent >= max) blocks.push('receiptMemoryFull');
    else if (unsent * 100 >= max * thresholds.unsentWarnPercent) warnings.push('unsentNearMax');
  }

  const zCount = info.zreportCount;
  const zMax = info.zreportMaxCount;
  if (zCount !== null && zMax !== null && zMax > 0 && zCount * 100 >= zMax * thresholds.zreportWarnPercent) {
    warnings.push('zreportMemoryNearFull');
  }

  const oldest = parseModuleTime(info.firstUnacknowledgedReceiptTime);
  if (oldest) {
    const age = at - oldest.getTime();
    if (age > thresholds.maxOfflineDays * dayMs) blocks.push('offlineTooLong');
    else if (age > (thresholds.maxOfflineDays * dayMs) / 2) warnings.push('offlineGettingLong');
  }

  const moduleNow = parseModuleTime(info.currentTime);
  if (moduleNow && Math.abs(moduleNow.getTime() - at) > thresholds.clockWarnSeconds * 1000) warnings.push('clockOff');

  return { at, canSell: blocks.length === 0, blocks, warnings, code: null, info };
}

/** A receipt refused with a blocking code tells as much as `/info/` would: sales stop until a reading says otherwise. */
export function healthAfterReceiptRefusal(previous: FiscalHealth | null, code: string, now: Date): FiscalHealth | null {
  const block = blockForCode(code);
  if (!block) return null;
  return {
    at: now.getTime(),
    canSell: false,
    blocks: [block],
    warnings: previous?.warnings ?? [],
    code,
    info: previous?.info ?? null,
  };
}
