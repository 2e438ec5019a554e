/**
 * Staff-mode text for UzQR refunds, in uz, ru and en. Kept beside the staff tabs (their own chunk), like
 * cafe-messages.ts; `uzqr-messages.test.ts` checks the three languages have the same keys and placeholders.
 */
import { formatMessage, language } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../money/money.ts';

const en = {
  'uzqr.tab': 'UzQR refunds',
  'uzqr.intro': 'UzQR payments today. A refund may be partial; together the refunds never exceed what was paid.',
  'uzqr.empty': 'No UzQR payments today.',
  'uzqr.col.payId': 'Payment ID',
  'uzqr.col.refunds': 'Refunds',
  'uzqr.col.remaining': 'Can be refunded',
  'uzqr.amountLabel': 'Amount to refund, soʻm (order {{number}})',
  'uzqr.refund': 'Refund',
  'uzqr.refundOrder': 'Refund order {{number}}',
  'uzqr.confirm': 'Refund {{amount}} of order {{number}} to the customer’s card?',
  'uzqr.sending': 'Sending the refund to UzQR…',
  'uzqr.accepted': 'UzQR accepted the refund of {{amount}}. The kiosk follows it until the bank completes it, then registers the refund receipt.',
  'uzqr.state.sending': '{{amount}}: no answer from UzQR',
  'uzqr.state.pending': '{{amount}}: in progress',
  'uzqr.state.refunded': '{{amount}}: refunded',
  'uzqr.state.failed': '{{amount}}: failed ({{code}})',
  'uzqr.refusal.notFound': 'This payment is not in the journal.',
  'uzqr.refusal.notUzqr': 'This is not a UzQR payment.',
  'uzqr.refusal.notPaid': 'This payment was not completed, so there is nothing to refund.',
  'uzqr.refusal.badAmount': 'Enter an amount above zero in soʻm, with at most two decimals (for example 3000 or 3000.50).',
  'uzqr.refusal.aboveRemaining': 'Cannot refund {{amount}}: only {{remaining}} of this payment is left to refund.',
  'uzqr.refusal.inProgress': 'A refund of this payment is being sent right now. Wait for its answer.',
  'uzqr.refusal.needsBadge': 'This refund is above the PIN limit. Open staff mode with the staff badge.',
  'uzqr.refusal.journal': 'The refund could not be written to the journal, so it was not sent. Nothing was refunded.',
  'uzqr.refusal.rejected': 'UzQR refused the refund (code {{code}}). Nothing was refunded.',
  'uzqr.refusal.refused': 'The kiosk did not send this refund: {{message}}',
  'uzqr.refusal.unknown': 'No answer from UzQR: the refund may have gone through. It counts as refunded; check with UzQR before refunding more.',
} as const;

export type UzqrMessageKey = keyof typeof en;

const ru: Record<UzqrMessageKey, string> = {
  'uzqr.tab': 'Возвраты UzQR',
  'uzqr.intro': 'Оплаты UzQR за сегодня. Возврат может быть частичным; вместе возвраты никогда не превышают оплаченное.',
  'uzqr.empty': 'Сегодня оплат UzQR нет.',
  'uzqr.col.payId': 'ID платежа',
  'uzqr.col.refunds': 'Возвраты',
  'uzqr.col.remaining': 'Можно вернуть',
  'uzqr.amountLabel': 'Сумма возврата, сум (заказ {{number}})',
  'uzqr.refund': 'Вернуть',
  'uzqr.refundOrder': 'Возврат по заказу {{number}}',
  'uzqr.confirm': 'Вернуть {{amount}} по заказу {{number}} на карту покупателя?',
  'uzqr.sending': 'Возврат отправляется в UzQR…',
  'uzqr.accepted': 'UzQR принял возврат {{amount}}. Киоск следит за ним, пока банк его не завершит, затем регистрирует чек возврата.',
  'uzqr.state.sending': '{{amount}}: нет ответа от UzQR',
  'uzqr.state.pending': '{{amount}}: в обработке',
  'uzqr.state.refunded': '{{amount}}: возвращено',
  'uzqr.state.failed': '{{amount}}: не прошёл ({{code}})',
  'uzqr.refusal.notFound': 'Этой оплаты нет в журнале.',
  'uzqr.refusal.notUzqr': 'Это не оплата UzQR.',
  'uzqr.refusal.notPaid': 'Эта оплата не завершена, возвращать нечего.',
  'uzqr.refusal.badAmount': 'Введите сумму больше нуля в сумах, не более двух знаков после точки (например 3000 или 3000.50).',
  'uzqr.refusal.aboveRemaining': 'Нельзя вернуть {{amount}}: по этой оплате можно вернуть только {{remaining}}.',
  'uzqr.refusal.inProgress': 'Возврат по этой оплате отправляется прямо сейчас. Дождитесь ответа.',
  'uzqr.refusal.needsBadge': 'Возврат больше лимита для PIN-кода. Откройте режим персонала бейджем.',
  'uzqr.refusal.journal': 'Возврат не удалось записать в журнал, поэтому он не отправлен. Ничего не возвращено.',
  'uzqr.refusal.rejected': 'UzQR отклонил возврат (код {{code}}). Ничего не возвращено.',
  'uzqr.refusal.refused': 'Киоск не отправил этот возврат: {{message}}',
  'uzqr.refusal.unknown': 'Нет ответа от UzQR: возврат мог пройти. Он учтён как возвращённый; уточните в UzQR, прежде чем возвращать ещё.',
};

const uz: Record<UzqrMessageKey, string> = {
  'uzqr.tab': 'UzQR qaytarishlari',
  'uzqr.intro': 'Bugungi UzQR toʻlovlari. Qaytarish qisman boʻlishi mumkin; qaytarishlar jami toʻlangan summadan oshmaydi.',
  'uzqr.empty': 'Bugun UzQR toʻlovlari yoʻq.',
  'uzqr.col.payId': 'Toʻlov ID',
  'uzqr.col.refunds': 'Qaytarishlar',
  'uzqr.col.remaining': 'Qaytarish mumkin',
  'uzqr.amountLabel': 'Qaytariladigan summa, soʻm (buyurtma {{number}})',
  'uzqr.refund': 'Qaytarish',
  'uzqr.refundOrder': 'Buyurtma {{number}}: qaytarish',
  'uzqr.confirm': 'Buyurtma {{number}} boʻyicha {{amount}} xaridor kartasiga qaytarilsinmi?',
  'uzqr.sending': 'Qaytarish UzQR ga yuborilmoqda…',
  'uzqr.accepted': 'UzQR {{amount}} qaytarishni qabul qildi. Kiosk bank uni yakunlaguncha kuzatadi, soʻng qaytarish chekini roʻyxatdan oʻtkazadi.',
  'uzqr.state.sending': '{{amount}}: UzQR dan javob yoʻq',
  'uzqr.state.pending': '{{amount}}: jarayonda',
  'uzqr.state.refunded': '{{amount}}: qaytarildi',
  'uzqr.state.failed': '{{amount}}: amalga oshmadi ({{code}})',
  'uzqr.refusal.notFound': 'Bu toʻlov jurnalda yoʻq.',
  'uzqr.refusal.notUzqr': 'Bu UzQR toʻlovi emas.',
  'uzqr.refusal.notPaid': 'Bu toʻlov yakunlanmagan, qaytariladigan narsa yoʻq.',
  'uzqr.refusal.badAmount': 'Noldan katta summani soʻmda kiriting, nuqtadan keyin koʻpi bilan ikki raqam (masalan 3000 yoki 3000.50).',
  'uzqr.refusal.aboveRemaining': '{{amount}} qaytarib boʻlmaydi: bu toʻlovdan faqat {{remaining}} qaytarish mumkin.',
  'uzqr.refusal.inProgress': 'Bu toʻlov boʻyicha qaytarish hozir yuborilmoqda. Javobni kuting.',
  'uzqr.refusal.needsBadge': 'Bu qaytarish PIN-kod chegarasidan yuqori. Xodimlar rejimini beydj bilan oching.',
  'uzqr.refusal.journal': 'Qaytarishni jurnalga yozib boʻlmadi, shuning uchun u yuborilmadi. Hech narsa qaytarilmadi.',
  'uzqr.refusal.rejected': 'UzQR qaytarishni rad etdi (kod {{code}}). Hech narsa qaytarilmadi.',
  'uzqr.refusal.refused': 'Kiosk bu qaytarishni yubormadi: {{message}}',
  'uzqr.refusal.unknown': 'UzQR dan javob yoʻq: qaytarish oʻtgan boʻlishi mumkin. U qaytarilgan deb hisoblanadi; yana qaytarishdan oldin UzQR dan aniqlang.',
};

export const uzqrMessages: Record<Locale, Record<UzqrMessageKey, string>> = { en, ru, uz };

/** The staff text in the current language. */
export function uq(key: UzqrMessageKey, vars?: Record<string, string | number>): string {
  return formatMessage(uzqrMessages[language.current], key, vars);
}
