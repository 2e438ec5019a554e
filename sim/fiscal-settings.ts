/**
 * The simulated fiscal module's switches (settable over the control API with the other settings): the shift at
 * start and the states `/info/` reports. The shift starts closed by default: a kiosk must cope with that (the
 * unfavourable case), and a real fiscal module is closed after every Z-report.
 */

/** What `/info/` (and the receipt calls) say about the module as a whole. */
export const fiscalModuleStates = [
  /** Works. */
  'ok',
  /** 65279 "Fiscal drive locked" (blocked, e.g. for non-payment). */
  'blocked',
  /** 65534 "cannot connect card": the module is not connected. */
  'notConnected',
  /** 102 FISCAL_MODULE_NOT_INITIALIZED (info.md's error example). */
  'notInitialised',
  /** 333 the service (CTO) subscription expired. */
  'subscriptionExpired',
  /** 36886 receipt memory full: `/info/` shows `receipt_count` at `receipt_max_count`. */
  'receiptMemoryFull',
  /** 36889 receipts offline too long: `/info/` shows an old `first_unacknowledged_receipt_time`. */
  'offlineTooLong',
] as const;
export type FiscalModuleState = (typeof fiscalModuleStates)[number];

export interface FiscalSettings {
  /** Whether the fiscal shift is open when the simulator starts or is reset. Default false (closed). */
  fiscalShiftOpenAtStart: boolean;
  fiscalModuleState: FiscalModuleState;
  /** `/info/` `receipt_count`: receipts not yet sent to the tax office. */
  fiscalUnsentReceipts: number;
  /** `/info/` `receipt_max_count` (info.md's example: 858). */
  fiscalReceiptMaxCount: number;
  /** `/info/` `zreport_count` (closed shifts so far, before any the simulator closes). */
  fiscalZReportCount: number;
  /** `/info/` `zreport_max_count` (info.md's example: 832). */
  fiscalZReportMaxCount: number;
  /** Age of `first_unacknowledged_receipt_time` in hours; null = none unsent. */
  fiscalFirstUnsentAgeHours: number | null;
  /** The module's clock minus the real clock, seconds (`current_time`). */
  fiscalClockOffsetSeconds: number;
  /** Close an empty shift with 36907 (errors.md: "cannot close an empty report") instead of a zero report. */
  fiscalRefuseEmptyClose: boolean;
}

export function defaultFiscalSettings(): FiscalSettings {
  return {
    fiscalShiftOpenAtStart: false,
    fiscalModuleState: 'ok',
    fiscalUnsentReceipts: 0,
    fiscalReceiptMaxCount: 858,
    fiscalZReportCount: 38,
    fiscalZReportMaxCount: 832,
    fiscalFirstUnsentAgeHours: null,
    fiscalClockOffsetSeconds: 0,
    fiscalRefuseEmptyClose: true,
  };
}

const integerKeys = ['fiscalUnsentReceipts', 'fiscalReceiptMaxCount', 'fiscalZReportCount', 'fiscalZReportMaxCount'] as const;

/** Reads one fiscal setting into `patch`; `undefined` when the key is not a fiscal setting, else an error or null. */
export function parseFiscalSetting(key: string, value: unknown, patch: Partial<FiscalSettings>): string | null | undefined {
  switch (key) {
    case 'fiscalShiftOpenAtStart':
    case 'fiscalRefuseEmptyClose':
      if (typeof value !== 'boolean') return `${key} must be a boolean`;
      patch[key] = value;
      return null;
    case 'fiscalModuleState':
      if (typeof value !== 'string' || !(fiscalModuleStates as readonly string[]).includes(value)) {
        return `fiscalModuleState must be one of ${fiscalModuleStates.join(', ')}`;
      }
      patch.fiscalModuleState = value as FiscalModuleState;
      return null;
    case 'fiscalFirstUnsentAgeHours':
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
        return 'fiscalFirstUnsentAgeHours must be a non-negative number or null';
      }
      patch.fiscalFirstUnsentAgeHours = value;
      return null;
    case 'fiscalClockOffsetSeconds':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'fiscalClockOffsetSeconds must be a number';
      patch.fiscalClockOffsetSeconds = value;
      return null;
    default:
      if ((integerKeys as readonly string[]).includes(key)) {
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return `${key} must be a non-negative integer`;
        patch[key as (typeof integerKeys)[number]] = value;
        return null;
      }
      return undefined;
  }
}
