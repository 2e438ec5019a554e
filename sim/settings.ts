/** The simulator's behaviour switches, settable over the control API. */
import type { HumoCancelBy } from './pinpads.ts';
import { defaultFiscalSettings, parseFiscalSetting, type FiscalSettings } from './fiscal-settings.ts';

export interface SimulatorSettings extends FiscalSettings {
  /** Scan2pay: answer "not paid" this many polls, then paid; null = only the control API pays. */
  scan2payPaidAfterPolls: number | null;
  /** How long a pinpad "waits for the card" before answering. */
  pinpadDelayMs: number;
  /** Which slip field a Humo cancel's `request_id` names. */
  humoCancelBy: HumoCancelBy;
  /** Answer a successful UzCard return in gateway-api.md's broken form (Kotlin toString() tail). */
  uzcardReturnMalformed: boolean;
  /**
   * Undocumented: `/order/create/` answers a repeated `uuid` with the receipt it already registered instead of
   * registering a second one. Off by default: the vendor does not promise it, so the kiosk must not need it.
   */
  orderCreateIdempotent: boolean;
  /** Undocumented: `/order/last/` echoes the receipt's `uuid` (the vendor's example has `"uuid": ""`). Off by default. */
  orderLastEchoesUuid: boolean;
  /** UzQR: how long the status call is held while the invoice is in progress (uzqr.md: 2 minutes). */
  uzqrHoldMs: number;
  /** UzQR: a refund answers "pending" this many refund status calls, then refunded; null = only the control API settles it. */
  uzqrRefundPendingPolls: number | null;
  /**
   * Undocumented: whether a UzQR refund above what remains of the payment (after earlier refunds) is refused
   * (2002). uzqr.md names no such check, so the default takes it: the kiosk must refuse it itself.
   */
  uzqrRefundAboveRemaining: 'accept' | 'refuse';
}

/** Fresh defaults. */
export function defaultSettings(): SimulatorSettings {
  return {
    scan2payPaidAfterPolls: null,
    pinpadDelayMs: 300,
    humoCancelBy: 'check',
    uzcardReturnMalformed: true,
    orderCreateIdempotent: false,
    orderLastEchoesUuid: false,
    uzqrHoldMs: 120_000,
    uzqrRefundPendingPolls: 1,
    uzqrRefundAboveRemaining: 'accept',
    ...defaultFiscalSettings(),
  };
}

/** Checks a settings patch; unknown keys are refused so a typo does not pass silently. */
export function parseSettingsPatch(body: unknown): { ok: true; patch: Partial<SimulatorSettings> } | { ok: false; error: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, error: 'expected a JSON object' };
  const patch: Partial<SimulatorSettings> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    switch (key) {
      case 'scan2payPaidAfterPolls':
        if (value !== null && (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)) {
          return { ok: false, error: 'scan2payPaidAfterPolls must be a non-negative integer or null' };
        }
        patch.scan2payPaidAfterPolls = value;
        break;
      case 'pinpadDelayMs':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return { ok: false, error: 'pinpadDelayMs must be a non-negative number' };
        patch.pinpadDelayMs = value;
        break;
      case 'humoCancelBy':
        if (value !== 'check' && value !== 'rrn') return { ok: false, error: "humoCancelBy must be 'check' or 'rrn'" };
        patch.humoCancelBy = value;
        break;
      case 'uzcardReturnMalformed':
        if (typeof value !== 'boolean') return { ok: false, error: 'uzcardReturnMalformed must be a boolean' };
        patch.uzcardReturnMalformed = value;
        break;
      case 'uzqrHoldMs':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return { ok: false, error: 'uzqrHoldMs must be a non-negative number' };
        patch.uzqrHoldMs = value;
        break;
      case 'uzqrRefundPendingPolls':
        if (value !== null && (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)) {
          return { ok: false, error: 'uzqrRefundPendingPolls must be a non-negative integer or null' };
        }
        patch.uzqrRefundPendingPolls = value;
        break;
      case 'uzqrRefundAboveRemaining':
        if (value !== 'accept' && value !== 'refuse') return { ok: false, error: "uzqrRefundAboveRemaining must be 'accept' or 'refuse'" };
        patch.uzqrRefundAboveRemaining = value;
        break;
      case 'orderCreateIdempotent':
      case 'orderLastEchoesUuid':
        if (typeof value !== 'boolean') return { ok: false, error: `${key} must be a boolean` };
        patch[key] = value;
        break;
      default: {
        const fiscal = parseFiscalSetting(key, value, patch);
        if (fiscal === undefined) return { ok: false, error: `unknown setting ${key}` };
        if (fiscal !== null) return { ok: false, error: fiscal };
      }
    }
  }
  return { ok: true, patch };
}
