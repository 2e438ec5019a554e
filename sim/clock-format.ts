/** Local-time formats the gateway and its fiscal module print, and the so'm amounts on slips. */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyy-MM-dd HH:mm:ss` in the process's local time zone (the fiscal module's `time` format). */
export function formatDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `yyyyMMddHHmmss` in local time (the receipt's `date_time`). */
export function formatCompactDateTime(d: Date): string {
  return formatDateTime(d).replace(/[- :]/g, '');
}

/** `dd/MM/yy` as Humo slips print the date. */
export function formatSlipDate(d: Date): string {
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${pad(d.getFullYear() % 100)}`;
}

/** `HH:mm:ss` in local time. */
export function formatTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * Parses `yyyy-MM-dd HH:mm:ss` as local time, as the fiscal module does; null for anything else
 * (including impossible dates such as February 30th).
 */
export function parseLocalDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, da, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const d = new Date(y, mo - 1, da, h, mi, s);
  const same =
    d.getFullYear() === y && d.getMonth() === mo - 1 && d.getDate() === da && d.getHours() === h && d.getMinutes() === mi;
  return same ? d : null;
}

/** Tiyin as so'm with two decimals ("10.00"), by integer arithmetic so no float ever holds the amount. */
export function formatTiyinAsSom(tiyin: number): string {
  const sign = tiyin < 0 ? '-' : '';
  const abs = Math.abs(tiyin);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}
