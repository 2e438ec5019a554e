import type { PaymentMethod } from '../gateway/types.ts';

/** Brand names are the same in every language (DESIGN.md §5: each method's button is named by its brand). */
export const brandName: Record<PaymentMethod, string> = {
  click: 'Click',
  payme: 'Payme',
  uzum: 'Uzum',
  anor: 'Anor',
  humo: 'Humo',
  uzcard: 'UzCard',
  scan2pay: 'Scan2pay',
  uzqr: 'UzQR',
};
