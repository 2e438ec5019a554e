import { describe, expect, it } from 'vitest';
import { uzqrMessages } from './uzqr-messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('UzQR staff messages', () => {
  it.each(['uz', 'ru'] as const)('%s has the English keys, no empty text, the same placeholders', (locale) => {
    const other = uzqrMessages[locale] as Record<string, string>;
    expect(Object.keys(other).sort()).toEqual(Object.keys(uzqrMessages.en).sort());
    for (const [key, text] of Object.entries(uzqrMessages.en)) {
      expect(other[key], key).toBeTruthy();
      expect(placeholders(other[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('writes Uzbek with the apostrophe of "soʻm"', () => {
    expect(Object.values(uzqrMessages.uz).filter((text) => /[A-Za-z]'[A-Za-z]/.test(text))).toEqual([]);
  });
});
