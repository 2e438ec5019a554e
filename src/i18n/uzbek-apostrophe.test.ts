/**
 * One Uzbek apostrophe style (language review): oʻ/gʻ with U+02BB like the currency "soʻm", the tutuq belgisi
 * with U+02BC. `lang.uz` keeps "O'zbekcha" because DESIGN.md §5 names the language button so.
 */
import { describe, expect, it } from 'vitest';
import { allMessages } from '../testing/messages.ts';

const uz = allMessages.uz;
import { formatMoney, tiyin } from '../money/money.ts';

describe('Uzbek messages', () => {
  it('use the apostrophe of "soʻm" (U+02BB), never the ASCII one', () => {
    const ascii = Object.entries(uz).filter(([key, text]) => key !== 'lang.uz' && /[A-Za-z]'[A-Za-z]/.test(text));
    expect(ascii).toEqual([]);
    expect(formatMoney(tiyin(100), 'uz')).toContain('so\u02bbm');
  });

  // Staff texts (staff.*) may name the fiscal module: staff deal with it (the review's glossary: "kassa" on
  // customer screens).
  it('keep no fiscal-module jargon and no "havola" on customer screens', () => {
    const jargon = Object.entries(uz).filter(([key, text]) => !key.startsWith('staff.') && /fiskal modul|havola/i.test(text));
    expect(jargon).toEqual([]);
  });
});
