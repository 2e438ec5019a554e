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
  /**
   * From the response code when errors.md lists it; for an unlisted code or none, false when the slip prints a
   * decline and null otherwise: a verdict word alone never makes a payment approved.
   */
  approved: boolean | null;
  /** The printed verdict ("ОДОБРЕНО" / "ОТКАЗ"), null when it says neither or both. */
  verdict: boolean | null;
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
  | 'inProgress'
  | 'callIssuer'
  | 'amountNotAccepted'
  | 'limitExceeded'
  | 'pinError'
  | 'cardNotAccepted'
  | 'retry'
  | 'issuerUnavailable'
  | 'terminalSetup'
  | 'systemError'
  | 'cancelNotConfirmed'
  | 'otherCard';

export interface ResponseCodeEntry {
  meaning: Exclude<ResponseMeaning, 'unknown'>;
  reason: PinpadReason;
  /** errors.md's description (RU / EN), shown to staff beside the code. */
  ru: string;
  en: string;
}

const e = (meaning: ResponseCodeEntry['meaning'], reason: PinpadReason, ru: string, en: string): ResponseCodeEntry => ({
  meaning,
  reason,
  ru,
  en,
});

/**
 * errors.md, "Bank PIN Pad (Terminal) Errors", every code (ranges spelled out). `approved` only for the codes
 * errors.md calls successful; a code not here is `unknown`, which a payment never reads as paid. `400` is not
 * in errors.md: it is printed on the vendor's Humo *cancel* example beside "ОДОБРЕНО / ОПЕРАЦИЯ ОТМЕНЕНА", so only
 * a cancel reads it as done (call-readers.ts), never a payment.
 * Customer wording never names security, theft or fraud (105, 119, 209): those decline as "declined by the bank".
 */
const responseTable: Record<string, ResponseCodeEntry> = {
  '000': e('approved', 'approved', 'Успешно', 'Successful'),
  '001': e('approved', 'approved', 'Успешно с МСС из списка 7995, 7511, 6051, 6010, 4829', 'Successful with MCC from list'),
  '003': e('approved', 'approved', 'Успешная транзакция', 'Transaction successful'),
  '005': e('device-problem', 'systemError', 'Системная ошибка', 'System error'),
  '006': e('declined', 'notApproved', 'Отказ ввода карты / операции', 'Card input or transaction declined'),
  '020': e('approved', 'approved', 'Успешно (отрицательный баланс)', 'Success (with negative balance)'),
  '095': e('device-problem', 'systemError', 'Ошибка сверки итогов', 'Reconcile error'),
  '100': e('declined', 'notApproved', 'Транзакция не одобрена', 'Transaction not approved'),
  '101': e('declined', 'expiredCard', 'Карта просрочена', 'Card expired'),
  '103': e('declined', 'callIssuer', 'Необходим звонок эмитенту', 'Call issuer'),
  '104': e('declined', 'declinedByBank', 'Карта ограничена', 'Card restricted'),
  '105': e('declined', 'declinedByBank', 'Вызовите охрану', 'Call security'),
  '106': e('declined', 'pinTriesExceeded', 'Многократная ошибка ПИН', 'Multiple PIN errors'),
  '107': e('declined', 'callIssuer', 'Необходим звонок эмитенту', 'Call issuer'),
  '109': e('device-problem', 'terminalSetup', 'Неверный ID торговца', 'Invalid merchant ID'),
  '110': e('declined', 'amountNotAccepted', 'Невозможно обработать сумму', 'Cannot process amount'),
  '111': e('declined', 'declinedByBank', 'Неверный счет', 'Invalid account'),
  '116': e('declined', 'insufficientFunds', 'Недостаточно средств', 'Insufficient funds'),
  '117': e('declined', 'wrongPin', 'Неверный ПИН', 'Invalid PIN'),
  '118': e('declined', 'declinedByBank', 'Запрос отклонен банком', 'Bank declined'),
  '119': e('declined', 'declinedByBank', 'Транзакция противозаконна', 'Illegal transaction'),
  '120': e('declined', 'declinedByBank', 'Не разрешена', 'Not permitted'),
  '121': e('declined', 'limitExceeded', 'Превышен лимит наличных', 'Cash limit exceeded'),
  '123': e('declined', 'limitExceeded', 'Циклический лимит исчерпан', 'Cyclic limit exceeded'),
  '125': e('declined', 'badCard', 'Плохая карта', 'Bad card'),
  '126': e('declined', 'pinError', 'Ошибка обработки ПИН', 'PIN processing error'),
  '127': e('declined', 'pinError', 'Ошибка обработки ПИН', 'PIN processing error'),
  '128': e('declined', 'pinError', 'Ошибка обработки ПИН', 'PIN processing error'),
  '200': e('declined', 'badCard', 'Испорченная карта', 'Damaged card'),
  '201': e('declined', 'expiredCard', 'Необходим номер чека / карта просрочена', 'Receipt number needed / Card expired'),
  '202': e('cancel-problem', 'transactionNotFound', 'Транзакция не найдена', 'Transaction not found'),
  '203': e('declined', 'aborted', 'Отказ ввода суммы / вызовите охрану', 'Amount input declined / Call security'),
  '204': e('declined', 'declinedByBank', 'Счет заблокирован', 'Account blocked'),
  '205': e('declined', 'aborted', 'Отказ ввода ссылки / вызовите охрану', 'Reference input declined / Call security'),
  '206': e('cancel-problem', 'cancelNotConfirmed', 'Отказ от подтверждения отмены', 'Cancellation not confirmed'),
  '207': e('declined', 'declinedByBank', 'Неверный код авторизации', 'Invalid auth code'),
  '208': e('declined', 'aborted', 'Отказ ввода CVV2', 'CVV2 input declined'),
  '209': e('declined', 'declinedByBank', 'Карта украдена', 'Stolen card'),
  '210': e('device-problem', 'systemError', 'Следующего чека нет', 'No next receipt'),
  '211': e('declined', 'aborted', 'Отказ ввода пин-кода', 'PIN entry declined'),
  '212': e('declined', 'aborted', 'Отмена операции кассой', 'Operation cancelled by cashier'),
  '213': e('device-problem', 'terminalSetup', 'Отказ чтения карты коммерсанта', 'Merchant card read error'),
  '214': e('declined', 'aborted', 'Неверный ручной ввод', 'Invalid manual input'),
  '215': e('declined', 'aborted', 'Отказ ввода типа карты', 'Card type input declined'),
  '216': e('declined', 'aborted', 'Отказ выбора операции', 'Operation selection declined'),
  '217': e('cancel-problem', 'otherCard', 'Отмена по чужой карте', 'Foreign card cancellation'),
  '218': e('cancel-problem', 'alreadyCancelled', 'Операция уже отменена', 'Operation already cancelled'),
  '222': e('declined', 'cardNotRead', 'Ошибка Track2 / Поиск транзакции', 'Track2 / transaction search error'),
  '230': e('declined', 'declinedByBank', 'Отказ ввода кода авторизации (Amex)', 'Amex auth code declined'),
  '233': e('declined', 'cardNotRead', 'Карта не прочитана', 'Card not read'),
  '234': e('declined', 'cardNotRead', 'Ошибка чтения чипа', 'Chip read error'),
  '235': e('cancel-problem', 'cancelAmountTooHigh', 'Превышена сумма оригинальной операции', 'Original transaction amount exceeded'),
  '240': e('device-problem', 'terminalSetup', 'Ошибки TMS (ARCUS)', 'TMS (ARCUS) errors'),
  '241': e('device-problem', 'terminalSetup', 'Ошибки TMS (ARCUS)', 'TMS (ARCUS) errors'),
  '242': e('device-problem', 'terminalSetup', 'Ошибки TMS (ARCUS)', 'TMS (ARCUS) errors'),
  '243': e('device-problem', 'terminalSetup', 'Ошибки TMS (ARCUS)', 'TMS (ARCUS) errors'),
  '250': e('declined', 'cardRemoved', 'Карта извлечена до окончания', 'Card removed too early'),
  '301': e('device-problem', 'terminalSetup', 'Не задан ID терминала', 'Terminal ID not set'),
  '302': e('cancel-problem', 'cannotCancel', 'Невозможно отменить операцию', 'Cannot cancel operation'),
  '303': e('device-problem', 'journalFull', 'Журнал переполнен', 'Journal overflow (close shift required)'),
  '304': e('declined', 'cardNotAccepted', 'Валюта не поддерживается', 'Currency not supported'),
  '305': e('declined', 'cardNotAccepted', 'Карта не обслуживается', 'Card not accepted'),
  '320': e('declined', 'aborted', 'Отказ от подписи', 'Signature declined'),
  '321': e('declined', 'amountNotAccepted', 'Слишком большая сумма', 'Amount too large'),
  '401': e('device-problem', 'terminalSetup', 'Ошибка чтения карты мерчанта', 'Merchant card read error'),
  '402': e('device-problem', 'communicationError', 'Ошибка связи / конфигурации', 'Communication/config error'),
  '403': e('device-problem', 'communicationError', 'Ошибка связи / конфигурации', 'Communication/config error'),
  '404': e('device-problem', 'communicationError', 'Неверный формат ответа', 'Invalid host response'),
  '405': e('device-problem', 'systemError', 'Нет отложенных операций', 'No pending transactions'),
  '410': e('device-problem', 'terminalSetup', 'Ошибка загрузки ключей', 'Key load error'),
  '411': e('declined', 'cardReadTimeout', 'Таймаут чтения карты', 'Card read timeout'),
  '902': e('device-problem', 'systemError', 'Неверная операция', 'Invalid operation'),
  '903': e('declined', 'retry', 'Повторите транзакцию', 'Retry transaction'),
  '904': e('device-problem', 'communicationError', 'Неверный формат сообщения', 'Invalid message format'),
  '905': e('declined', 'issuerUnavailable', 'Эмитент не работает / отказ', 'Issuer error / system failure'),
  '906': e('declined', 'issuerUnavailable', 'Эмитент не работает / отказ', 'Issuer error / system failure'),
  '907': e('declined', 'issuerUnavailable', 'Эмитент не работает / отказ', 'Issuer error / system failure'),
  '908': e('declined', 'issuerUnavailable', 'Эмитент не работает / отказ', 'Issuer error / system failure'),
  '909': e('declined', 'issuerUnavailable', 'Эмитент не работает / отказ', 'Issuer error / system failure'),
  '910': e('declined', 'issuerUnavailable', 'Эмитент не работает / отказ', 'Issuer error / system failure'),
  '911': e('device-problem', 'communicationError', 'Неизвестная транзакция (SmartVista)', "SmartVista doesn't know how to handle"),
  '912': e('device-problem', 'timeout', 'Таймаут ответа', 'Timeout'),
  '913': e('device-problem', 'duplicate', 'Дубликат транзакции', 'Duplicate transaction'),
  '914': e('cancel-problem', 'originalNotFound', 'Оригинальная транзакция не найдена', 'Original transaction not found'),
  '915': e('cancel-problem', 'cancelAmountTooHigh', 'Сумма отмены больше оригинала', 'Cancel amount > original'),
  '916': e('cancel-problem', 'originalNotFound', 'Долг не найден', 'Debt not found'),
  '920': e('declined', 'pinError', 'Ошибка обработки ПИН', 'PIN processing error'),
  '923': e('device-problem', 'inProgress', 'Запрос обрабатывается', 'Request in progress'),
  '940': e('device-problem', 'systemError', 'Заберите карту', 'Remove card'),
  '941': e('device-problem', 'terminalSetup', 'Не задан список операций', 'No operation list set'),
  '984': e('device-problem', 'pinpadBusy', 'ПИН-ПАД занят', 'PIN pad busy'),
  '985': e('declined', 'cardNotRead', 'Ошибка MIFARE DIRECT', 'MIFARE direct error'),
  '987': e('declined', 'cardReadTimeout', 'Таймаут чтения карты', 'Card read timeout'),
  '988': e('device-problem', 'journalFull', 'Ошибка формата / память слипов переполнена', 'Format error / slip memory full'),
  '989': e('declined', 'cardNotRead', 'Ошибка Track2', 'Track2 read error'),
  '990': e('declined', 'notApproved', 'Отказ ввода карты / проведения', 'Card/operation declined'),
  '991': e('declined', 'expiredCard', 'Неверная Expiration Date', 'Invalid Expiry Date'),
  '992': e('declined', 'aborted', 'Операция прервана клиентом/кассиром', 'Operation aborted'),
  '996': e('device-problem', 'communicationError', 'Неверный формат запроса', 'Invalid request format'),
  '998': e('device-problem', 'communicationError', 'Ошибка связи, позвоните в банк', 'Communication error, call bank'),
  '999': e('device-problem', 'noLink', 'Нет связи с ПИН-ПАДом', 'No connection with PIN pad'),
};

/** The code the vendor's Humo cancel example prints beside "ОПЕРАЦИЯ ОТМЕНЕНА" (humo.md); not in errors.md. */
export const humoCancelDoneCode = '400';

/** Every code of errors.md's pinpad table (for tests and the staff screen). */
export const pinpadResponseCodes: readonly string[] = Object.keys(responseTable);

/** errors.md's entry for a code, or null for a code it does not list. */
export function responseCodeEntry(code: string | null): ResponseCodeEntry | null {
  return tableEntry(code) ?? null;
}

// Own entries only: a code read off a slip must never hit Object.prototype ("constructor", "__proto__").
function tableEntry(code: string | null): (typeof responseTable)[string] | undefined {
  return code !== null && Object.hasOwn(responseTable, code) ? responseTable[code] : undefined;
}

/** What a pinpad response code means (errors.md); `unknown` for a code not in the table or null. */
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
    approved: meaning === 'approved' ? true : meaning === 'unknown' ? (verdictOf(slip) === false ? false : null) : false,
    verdict: verdictOf(slip),
  };
}
