import type { Locale } from '../money/money.ts';
import { en, type MessageKey } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { uz } from './messages/uz.ts';

export type { MessageKey, Locale };
export const locales: readonly Locale[] = ['uz', 'ru', 'en'];

// Copies: staff mode's texts are added to them when its chunk loads (`addMessages`).
const messages: Record<Locale, Record<string, string>> = { uz: { ...uz }, ru: { ...ru }, en: { ...en } };

/**
 * Adds texts that load with a later chunk (staff mode's: src/staff/staff-i18n.ts), so the first screen does not
 * carry them. Called when that chunk's module is evaluated, before any of its components renders.
 */
export function addMessages(tables: Record<Locale, Record<string, string>>): void {
  for (const locale of locales) Object.assign(messages[locale], tables[locale]);
}

/**
 * Looks a flat key up and fills its `{{name}}` placeholders: the same answers i18next gave with our settings (flat
 * dotted keys, no fallback language, no escaping: Svelte escapes text), as i18n-format.test.ts checks for every
 * message, without its 20 KB in the first load. A missing key gives the key; a placeholder without a value stays.
 */
export function formatMessage(
  table: Record<string, string>,
  key: string,
  vars?: Record<string, string | number | null | undefined>,
): string {
  const message = Object.hasOwn(table, key) ? table[key] : undefined;
  if (message === undefined) return key;
  if (!vars || !message.includes('{{')) return message;
  return message.replace(/\{\{\s*-?\s*([^{}\s]+)\s*\}\}/g, (placeholder, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name] ?? '') : placeholder,
  );
}

let current = $state<Locale>('uz');

/** The customer's language. Reading it inside a component or `t()` makes the caller reactive. */
export const language = {
  get current(): Locale {
    return current;
  },
  set(locale: Locale): void {
    current = locale;
    // The one place <html lang> follows the customer's language: screen readers pick the voice from it, and
    // the browser hyphenates by it. Every change of language comes through here.
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  },
};

/** Translates in the current language; reactive in Svelte templates. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return formatMessage(messages[current], key, vars);
}

/** Translates in a given language (for tests and staff exports). */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return formatMessage(messages[locale], key, vars);
}
