/**
 * Every text in every language, the customer's and staff mode's together, as `t()` has them once staff mode has
 * loaded: for tests that check a key exists wherever it is kept.
 */
import type { Locale } from '../money/money.ts';
import type { MessageKey } from '../i18n/i18n.svelte.ts';
import { en } from '../i18n/messages/en.ts';
import { ru } from '../i18n/messages/ru.ts';
import { uz } from '../i18n/messages/uz.ts';
import { staffEn } from '../i18n/messages/staff-en.ts';
import { staffRu } from '../i18n/messages/staff-ru.ts';
import { staffUz } from '../i18n/messages/staff-uz.ts';

export const allMessages: Record<Locale, Record<MessageKey, string>> = {
  uz: { ...uz, ...staffUz },
  ru: { ...ru, ...staffRu },
  en: { ...en, ...staffEn },
};
