/**
 * Staff-mode text for cafe ordering (sold out, kitchen tickets, menu updates), in uz, ru and en. Kept beside the
 * staff tabs, which load in their own chunk, so it does not weigh on the first screen; `cafe-messages.test.ts`
 * checks the three languages have the same keys and placeholders. Uzbek follows the language review's glossary
 * and its apostrophe (U+02BB, as in "soʻm").
 */
import { formatMessage, language } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../money/money.ts';

const en = {
  'cafe.tab.soldOut': 'Sold out',
  'cafe.tab.kitchen': 'Kitchen tickets',
  'cafe.soldOut.intro': 'Ticked items cannot be ordered until you untick them, the daily shift close, or "Everything back on sale".',
  'cafe.soldOut.category': '{{name}}: the whole category',
  'cafe.soldOut.reset': 'Everything back on sale',
  'cafe.soldOut.none': 'Nothing is sold out.',
  'cafe.soldOut.failed': 'The change could not be saved: {{error}}',
  'cafe.kitchen.none': 'No kitchen tickets today.',
  'cafe.kitchen.order': 'Order {{number}}',
  'cafe.kitchen.status.pending': 'Waiting to print',
  'cafe.kitchen.status.printed': 'Printed',
  'cafe.kitchen.status.failed': 'Not printed',
  'cafe.kitchen.error': 'Printer error {{code}}',
  'cafe.kitchen.reprint': 'Reprint',
  'cafe.kitchen.reprintOrder': 'Reprint order {{number}}',
  'cafe.kitchen.reprinted': 'Sent to the printer.',
  'cafe.kitchen.reprintFailed': 'The printer did not print it. Check the paper and the printer, then try again.',
  'cafe.update.refused': 'A new {{file}} was refused ({{problem}}). The kiosk keeps the last good one.',
} as const;

export type CafeMessageKey = keyof typeof en;

const ru: Record<CafeMessageKey, string> = {
  'cafe.tab.soldOut': 'Нет в наличии',
  'cafe.tab.kitchen': 'Кухонные талоны',
  'cafe.soldOut.intro': 'Отмеченные позиции нельзя заказать, пока вы не снимете отметку, не закроется смена или вы не нажмёте «Вернуть всё в продажу».',
  'cafe.soldOut.category': '{{name}}: вся категория',
  'cafe.soldOut.reset': 'Вернуть всё в продажу',
  'cafe.soldOut.none': 'Всё в наличии.',
  'cafe.soldOut.failed': 'Не удалось сохранить изменение: {{error}}',
  'cafe.kitchen.none': 'Сегодня кухонных талонов нет.',
  'cafe.kitchen.order': 'Заказ {{number}}',
  'cafe.kitchen.status.pending': 'Ждёт печати',
  'cafe.kitchen.status.printed': 'Напечатан',
  'cafe.kitchen.status.failed': 'Не напечатан',
  'cafe.kitchen.error': 'Ошибка принтера {{code}}',
  'cafe.kitchen.reprint': 'Напечатать ещё раз',
  'cafe.kitchen.reprintOrder': 'Напечатать ещё раз заказ {{number}}',
  'cafe.kitchen.reprinted': 'Отправлено на принтер.',
  'cafe.kitchen.reprintFailed': 'Принтер не напечатал талон. Проверьте бумагу и принтер и попробуйте ещё раз.',
  'cafe.update.refused': 'Новый файл {{file}} не принят ({{problem}}). Киоск работает с последним исправным.',
};

const uz: Record<CafeMessageKey, string> = {
  'cafe.tab.soldOut': 'Tugaganlar',
  'cafe.tab.kitchen': 'Oshxona cheklari',
  'cafe.soldOut.intro': 'Belgilangan mahsulotlarni belgini olib tashlamaguningizcha, kunlik smena yopilguncha yoki «Hammasini sotuvga qaytarish» bosilguncha buyurtma qilib boʻlmaydi.',
  'cafe.soldOut.category': '{{name}}: butun toifa',
  'cafe.soldOut.reset': 'Hammasini sotuvga qaytarish',
  'cafe.soldOut.none': 'Hamma mahsulot bor.',
  'cafe.soldOut.failed': 'Oʻzgarishni saqlab boʻlmadi: {{error}}',
  'cafe.kitchen.none': 'Bugun oshxona cheklari yoʻq.',
  'cafe.kitchen.order': 'Buyurtma {{number}}',
  'cafe.kitchen.status.pending': 'Chop etilishini kutmoqda',
  'cafe.kitchen.status.printed': 'Chop etildi',
  'cafe.kitchen.status.failed': 'Chop etilmadi',
  'cafe.kitchen.error': 'Printer xatosi {{code}}',
  'cafe.kitchen.reprint': 'Qayta chop etish',
  'cafe.kitchen.reprintOrder': 'Buyurtma {{number}}: qayta chop etish',
  'cafe.kitchen.reprinted': 'Printerga yuborildi.',
  'cafe.kitchen.reprintFailed': 'Printer chop etmadi. Qogʻoz va printerni tekshirib, qayta urinib koʻring.',
  'cafe.update.refused': 'Yangi {{file}} fayli qabul qilinmadi ({{problem}}). Kiosk oxirgi toʻgʻri fayl bilan ishlamoqda.',
};

export const cafeMessages: Record<Locale, Record<CafeMessageKey, string>> = { en, ru, uz };

/** The staff text in the current language. */
export function ct(key: CafeMessageKey, vars?: Record<string, string | number>): string {
  return formatMessage(cafeMessages[language.current], key, vars);
}
