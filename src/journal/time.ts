/** Local-time formats the journal and the gateway use (the gateway compares against its own local clock). */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The local calendar day, `yyyy-MM-dd`: the journal's day index and the order-number counter key. */
export function localDay(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local time `yyyy-MM-dd HH:mm:ss`, as the receipt call's `time` field wants it. */
export function localTimestamp(date: Date): string {
  return `${localDay(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
