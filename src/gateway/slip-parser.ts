/**
 * Reads the few facts the kiosk needs from a pinpad slip (Humo/Ingenico and UzCard/PAX layouts, Russian and
 * English labels). Slips are printed text, not data: every field is optional and the slip itself stays the record.
 */

export type SlipOperation = 'payment' | 'cancel' | 'return' | 'reconciliation' | 'unknown';

export interface ParsedSlip {
  /** Humo "Чек", UzCard "Invoice" / "Номер операции": the key a same-shift cancel uses. */
  checkNumber: string | null;
  rrn: string | null;
  authCode: string | null;
  /** "Код ответа" / "Resp Code", three digits as printed. */
  responseCode: string | null;
  maskedCard: string | null;
  terminalId: string | null;
  /** Date and time as printed ("29/09/23 14:07:01", "2024-04-04 11:22:13"). */
  dateTime: string | null;
  operation: SlipOperation;
  /** From the response code when it is known, else from the printed verdict; null when the slip says neither. */
  approved: boolean | null;
}

export type ResponseMeaning = 'approved' | 'declined' | 'cancel-problem' | 'device-problem' | 'unknown';

/** Message key suffixes for pinpad response codes (`gateway.pinpad.<reason>`). */
export type PinpadReason =
  | 'approved'
  | 'notApproved'
  | 'expiredCard'
  | 'insufficientFunds'
  | 'wrongPin'
  | 'pinTriesExceeded'
  | 'declinedByBank'
  | 'badCard'
  | 'cardNotRead'
  | 'cardRemoved'
  | 'cardReadTimeout'
  | 'aborted'
  | 'transactionNotFound'
  | 'alreadyCancelled'
  | 'cannotCancel'
  | 'originalNotFound'
  | 'cancelAmountTooHigh'
  | 'journalFull'
  | 'pinpadBusy'
  | 'communicationError'
  | 'noLink'
  | 'timeout'
  | 'duplicate'
  | 'inProgress';

// gateway-notes.md, "Pinpad response codes". 400 is what a Humo cancel slip prints next to "ОДОБРЕНО".
const responseTable: Record<string, { meaning: Exclude<ResponseMeaning, 'unknown'>; reason: PinpadReason }> = {
  '000': { meaning: 'approved', reason: 'approved' },
  '001': { meaning: 'approved', reason: 'approved' },
  '003': { meaning: 'approved', reason: 'approved' },
  '020': { meaning: 'approved', reason: 'approved' },
  '400': { meaning: 'approved', reason: 'approved' },
  '100': { meaning: 'declined', reason: 'notApproved' },
  '101': { meaning: 'declined', reason: 'expiredCard' },
  '116': { meaning: 'declined', reason: 'insufficientFunds' },
  '117': { meaning: 'declined', reason: 'wrongPin' },
  '106': { meaning: 'declined', reason: 'pinTriesExceeded' },
  '118': { meaning: 'declined', reason: 'declinedByBank' },
  '125': { meaning: 'declined', reason: 'badCard' },
  '233': { meaning: 'declined', reason: 'cardNotRead' },
  '250': { meaning: 'declined', reason: 'cardRemoved' },
  '411': { meaning: 'declined', reason: 'cardReadTimeout' },
  '987': { meaning: 'declined', reason: 'cardReadTimeout' },
  '992': { meaning: 'declined', reason: 'aborted' },
  '202': { meaning: 'cancel-problem', reason: 'transactionNotFound' },
  '218': { meaning: 'cancel-problem', reason: 'alreadyCancelled' },
  '302': { meaning: 'cancel-problem', reason: 'cannotCancel' },
  '914': { meaning: 'cancel-problem', reason: 'originalNotFound' },
  '915': { meaning: 'cancel-problem', reason: 'cancelAmountTooHigh' },
  '303': { meaning: 'device-problem', reason: 'journalFull' },
  '984': { meaning: 'device-problem', reason: 'pinpadBusy' },
  '998': { meaning: 'device-problem', reason: 'communicationError' },
  '999': { meaning: 'device-problem', reason: 'noLink' },
  '912': { meaning: 'device-problem', reason: 'timeout' },
  '913': { meaning: 'device-problem', reason: 'duplicate' },
  '923': { meaning: 'device-problem', reason: 'inProgress' },
};

// Own entries only: a code read off a slip must never hit Object.prototype ("constructor", "__proto__").
function tableEntry(code: string | null): (typeof responseTable)[string] | undefined {
  return code !== null && Object.hasOwn(responseTable, code) ? responseTable[code] : undefined;
}

/** What a pinpad response code means (gateway-notes.md); `unknown` for a code not in the table or null. */
export function responseMeaning(code: string | null): ResponseMeaning {
  return tableEntry(code)?.meaning ?? 'unknown';
}

/** The message key suffix for a response code (`gateway.pinpad.<reason>`), or null for an unlisted code. */
export function responseReason(code: string | null): PinpadReason | null {
  return tableEntry(code)?.reason ?? null;
}

/**
 * Undoes what the spec's bodies do to slips: printed `\n` escapes left in the text and a `\` cut from its
 * `n` by a line break ("Номер смены 4\⏎nID"). Works on text that has already been unescaped, too.
 */
function normaliseSlip(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\\n(?=n)/g, '\\')
    .replace(/\\n\n?/g, '\n');
}

function firstMatch(text: string, patterns: readonly RegExp[]): RegExpExecArray | null {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m;
  }
  return null;
}

// Labels are followed by spaces, a colon or (on the narrow Humo layout) a line break before the value.
const checkPatterns = [
  /(?<![\p{L}])Чек(?![\p{L}])[ \t]*[:№#]?\s*(\d+)/u,
  /Invoice(?:\s*No\.?)?[ \t]*:?[ \t]*(\d+)/i,
  /Номер операции[ \t]*:?[ \t]*(\d+)/u,
  /(?:Check|Receipt)\s*(?:No\.?|#)?[ \t]*:?[ \t]*(\d+)/i,
];
const rrnPatterns = [/RRN(?:[ \t]*\([^)\n]*\))?[ \t]*:?\s*(\d{6,})/];
const authPatterns = [/(?:Код авторизации|Код авториз\.?|Auth(?:orization)? Code)[ \t]*:?[ \t]*([0-9A-Za-z]+)/iu];
const responsePatterns = [/(?:Код ответа|Resp(?:onse)?\.? Code)[ \t]*:?\s*(\d{3})(?!\d)/iu];
const cardPatterns = [/(\d{4,6}\*{2,}\d{4})/];
const terminalPatterns = [
  /(?:ID Терминала|ID Терм\.?|Терминал ID|Terminal ID|TID)[ \t]*:?[ \t]*(\d+)/iu,
  /Терминал(?![\p{L}])[ \t]*:?[ \t]*(\d+)/u,
];
const datePart = String.raw`(\d{2}[./]\d{2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})`;
const timePart = String.raw`(\d{2}:\d{2}(?::\d{2})?)`;
const dateTimePattern = new RegExp(String.raw`(?:Дата|Date/Time|Date)[ \t]*:?[ \t]*${datePart}(?:\s+${timePart})?`, 'iu');

function operationOf(text: string): SlipOperation {
  if (/Сверка итогов|Отчет закрытия смены|SETTLEMENT|RECONCILIATION/iu.test(text)) return 'reconciliation';
  if (/Отмена|ОТМЕНЕНА|\bCANCEL\b|\bVOID\b/iu.test(text)) return 'cancel';
  if (/Возврат|\bREFUND\b|\bRETURN\b/iu.test(text)) return 'return';
  if (/Оплата|Покупка|\bPURCHASE\b|\bSALE\b|\bPAYMENT\b/iu.test(text)) return 'payment';
  return 'unknown';
}

function verdictOf(text: string): boolean | null {
  const declined = /ОТКАЗ|ОТКЛОНЕН|\bDECLINED\b|НЕ ОДОБРЕНО/iu.test(text);
  const approved = /(?<!НЕ )ОДОБРЕНО|\bAPPROVED\b/iu.test(text);
  if (declined === approved) return null;
  return approved;
}

/** Parses a pinpad slip. Never throws; fields it cannot find are null. */
export function parseSlip(text: string): ParsedSlip {
  const slip = normaliseSlip(text);
  const responseCode = firstMatch(slip, responsePatterns)?.[1] ?? null;
  const date = dateTimePattern.exec(slip);
  const meaning = responseMeaning(responseCode);
  return {
    checkNumber: firstMatch(slip, checkPatterns)?.[1] ?? null,
    rrn: firstMatch(slip, rrnPatterns)?.[1] ?? null,
    authCode: firstMatch(slip, authPatterns)?.[1] ?? null,
    responseCode,
    maskedCard: firstMatch(slip, cardPatterns)?.[1] ?? null,
    terminalId: firstMatch(slip, terminalPatterns)?.[1] ?? null,
    dateTime: date ? [date[1], date[2]].filter((p) => p !== undefined).join(' ') : null,
    operation: operationOf(slip),
    approved: meaning === 'approved' ? true : meaning === 'unknown' ? verdictOf(slip) : false,
  };
}
