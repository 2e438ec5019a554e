import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatMessage } from './i18n.svelte.ts';
import { allMessages } from '../testing/messages.ts';

const { uz, ru, en } = allMessages;

// The kiosk used i18next with these settings; formatMessage replaced it (it was a fifth of the first-load
// bundle). i18next stays a dev dependency so this test keeps checking the two give the same text.
async function reference() {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { uz: { translation: uz }, ru: { translation: ru }, en: { translation: en } },
    lng: 'uz',
    fallbackLng: false,
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const tables = { uz, ru, en } as Record<'uz' | 'ru' | 'en', Record<string, string>>;

describe('formatMessage', () => {
  it('gives what i18next gave for every message in every language, with values, numbers and none', async () => {
    const i18n = await reference();
    let checked = 0;
    for (const [locale, table] of Object.entries(tables)) {
      for (const [key, message] of Object.entries(table)) {
        const names = [...message.matchAll(/\{\{\s*-?\s*([^{}\s]+)\s*\}\}/g)].map((m) => m[1]!);
        const text = Object.fromEntries(names.map((name, i) => [name, `<${name}> ${i} $& {{x}}`]));
        const numbers = Object.fromEntries(names.map((name, i) => [name, i * 1000 + 0.5]));
        const some = Object.fromEntries(names.slice(1).map((name) => [name, 'v']));
        for (const vars of [undefined, {}, text, numbers, some]) {
          expect(formatMessage(table, key, vars), `${locale} ${key}`).toBe(i18n.t(key, { lng: locale, ...vars }));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('answers a missing key with the key, and leaves a placeholder it has no value for', () => {
    expect(formatMessage({}, 'no.such.key')).toBe('no.such.key');
    expect(formatMessage({ a: 'Hi {{name}} {{ other }}' }, 'a', { name: 'Ali' })).toBe('Hi Ali {{ other }}');
    expect(formatMessage({ a: '{{n}} x {{n}}' }, 'a', { n: 0 })).toBe('0 x 0');
    expect(formatMessage({ a: '' }, 'a', { n: 1 })).toBe('');
  });
});
