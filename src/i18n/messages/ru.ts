import type { Messages } from './en.ts';

/** Русский. */
export const ru: Messages = {
  'app.title': 'Tolov Kiosk',
  'common.cancel': 'Отмена',
  'common.back': 'Назад',
  'common.retry': 'Попробовать снова',
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
