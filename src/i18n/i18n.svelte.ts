import i18next from 'i18next';
import type { Locale } from '../money/money.ts';
import { en, type MessageKey } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { uz } from './messages/uz.ts';

export type { MessageKey, Locale };
export const locales: readonly Locale[] = ['uz', 'ru', 'en'];

const instance = i18next.createInstance();
void instance.init({
  resources: { uz: { translation: uz }, ru: { translation: ru }, en: { translation: en } },
  lng: 'uz',
  fallbackLng: false,
  initAsync: false,
  // Keys are flat and contain dots; nothing we render is HTML, so no escaping here (Svelte escapes text).
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

let current = $state<Locale>('uz');

/** The customer's language. Reading it inside a component or `t()` makes the caller reactive. */
export const language = {
  get current(): Locale {
    return current;
  },
  set(locale: Locale): void {
    current = locale;
  },
};

/** Translates in the current language; reactive in Svelte templates. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return instance.t(key, { lng: current, ...vars });
}

/** Translates in a given language (for tests and staff exports). */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return instance.t(key, { lng: locale, ...vars });
}
