import { expect, it } from 'vitest';
import { language, t } from '../i18n/i18n.svelte.ts';

it("staff texts are translated once staff mode's module is loaded, in every language", async () => {
  language.set('en');
  expect(t('staff.title')).toBe('staff.title');
  await import('./staff-i18n.ts');
  expect(t('staff.title')).toBe('Staff mode');
  language.set('ru');
  expect(t('staff.title')).toBe('Режим персонала');
  language.set('uz');
  expect(t('staff.title')).not.toBe('staff.title');
  expect(t('attract.start')).not.toBe('attract.start');
});
