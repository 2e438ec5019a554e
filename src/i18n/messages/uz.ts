import type { Messages } from './en.ts';

/** O'zbekcha (lotin yozuvi). */
export const uz: Messages = {
  'app.title': 'Tolov Kiosk',
  'common.cancel': 'Bekor qilish',
  'common.back': 'Orqaga',
  'common.retry': 'Qayta urinish',
  'common.ok': 'OK',
  'lang.uz': "O'zbekcha",
  'lang.ru': 'Русский',
  'lang.en': 'English',
  // @section config
  // @section gateway
  // @section scanner
  // @section wallet
  // @section pinpad
  // @section scan2pay
  // @section checkout
  // @section journal
  // @section staff
  // @section menu
  // @section attract
  // @section idle
  // @section a11y
};
