import { describe, expect, it } from 'vitest';
import { language, t, translate } from './i18n.svelte.ts';

describe('t', () => {
  it('follows the current language', () => {
    language.set('ru');
    expect(t('common.cancel')).toBe('Отмена');
    language.set('en');
    expect(t('common.cancel')).toBe('Cancel');
    expect(translate('uz', 'common.back')).toBe('Orqaga');
  });
});
