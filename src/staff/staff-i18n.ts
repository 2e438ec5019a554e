/**
 * Staff mode's texts, added to the translations when this module is first imported. Every staff component and
 * helper takes `t`/`translate` from here, so whatever renders staff text (staff mode, or one tab in a test) has
 * them, while the customer's first screen does not carry ~45 KB of staff texts (README "Benchmarks").
 */
import { addMessages } from '../i18n/i18n.svelte.ts';
import { staffEn } from '../i18n/messages/staff-en.ts';
import { staffRu } from '../i18n/messages/staff-ru.ts';
import { staffUz } from '../i18n/messages/staff-uz.ts';

addMessages({ uz: staffUz, ru: staffRu, en: staffEn });

export { language, t, translate } from '../i18n/i18n.svelte.ts';
export type { MessageKey } from '../i18n/i18n.svelte.ts';
