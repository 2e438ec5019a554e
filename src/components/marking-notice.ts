/** The customer's text for a marking notice (checkout machine `markingNotice`), in the current language. */
import { localizedText, type Catalog } from '../catalog/catalog-types.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { MarkingNotice } from '../machines/checkout.machine.ts';
import type { Locale } from '../money/money.ts';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const refusalKeys = {
  notMarkingCode: 'marking.refusal.notMarkingCode',
  noSeparator: 'marking.refusal.noSeparator',
  wrongProduct: 'marking.refusal.wrongProduct',
  alreadyInCart: 'marking.refusal.alreadyInCart',
  cartLimit: 'marking.refusal.cartLimit',
} as const satisfies Record<string, MessageKey>;

/**
 * The notice as text; the module's own reason (`/okm/validation` messageLat/messageRu) is quoted as given.
 * @returns the main text and, for a refusal before payment, what the customer can do
 */
export function markingNoticeText(
  notice: MarkingNotice,
  catalog: Catalog,
  locale: Locale,
  t: Translate,
): { text: string; hint: string | null } {
  if (notice.kind === 'unavailable') return { text: t('marking.validation.unavailable'), hint: null };
  const product = catalog.products.find((p) => p.id === notice.productId);
  const name = product ? localizedText(product.name, locale) : '';
  if (notice.kind === 'scan') return { text: t(refusalKeys[notice.refusal], { product: name }), hint: null };
  const text = notice.message
    ? t('marking.validation.refused', { product: name, reason: notice.message })
    : t('marking.validation.refusedNoReason', { product: name });
  return { text, hint: t('marking.validation.hint') };
}
