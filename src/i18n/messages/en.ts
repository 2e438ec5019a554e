/**
 * English messages: the source of the key set. uz.ts and ru.ts must have every key (a test checks it).
 * Keys are flat and dot-named by area; `{{name}}` is an interpolation. Add a key to all three files at once.
 */
export const en = {
  'app.title': 'Tolov Kiosk',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.retry': 'Try again',
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
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
