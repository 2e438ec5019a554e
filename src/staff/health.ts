/** Clock check for the health tab: the gateway refuses receipts when the clocks differ by more than 5 minutes. */

/** Warn a minute before the gateway's 5-minute limit starts refusing receipts (code 104). */
export const CLOCK_WARN_MS = 4 * 60_000;

/**
 * Reads the gateway's `current_time` ("2024-06-11 17:39:54", its local time) as a local Date; an ISO string
 * with a zone is read as such. Null when unreadable.
 */
export function parseGatewayTime(text: string | null): Date | null {
  if (!text) return null;
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (local) {
    const [, y, mo, d, h, mi, s] = local;
    return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'));
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

export interface ClockCheck {
  gatewayTime: Date;
  /** Gateway minus kiosk, ms. */
  differenceMs: number;
  warn: boolean;
}

export function checkClock(gatewayText: string | null, kioskNow: Date): ClockCheck | null {
  const gatewayTime = parseGatewayTime(gatewayText);
  if (!gatewayTime) return null;
  const differenceMs = gatewayTime.getTime() - kioskNow.getTime();
  return { gatewayTime, differenceMs, warn: Math.abs(differenceMs) > CLOCK_WARN_MS };
}

/** "+4 min 10 s" / "−12 s": the sign says which clock is ahead. */
export function formatDifference(ms: number): { sign: '+' | '−'; minutes: number; seconds: number } {
  const abs = Math.round(Math.abs(ms) / 1000);
  return { sign: ms < 0 ? '−' : '+', minutes: Math.floor(abs / 60), seconds: abs % 60 };
}
