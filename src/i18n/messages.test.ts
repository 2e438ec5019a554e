import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { uz } from './messages/uz.ts';
import { staffEn } from './messages/staff-en.ts';
import { staffRu } from './messages/staff-ru.ts';
import { staffUz } from './messages/staff-uz.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe.each([
  ['uz', uz, en],
  ['ru', ru, en],
  ['staff uz', staffUz, staffEn],
  ['staff ru', staffRu, staffEn],
])('%s messages', (_name, messages: Record<string, string>, english: Record<string, string>) => {
  it('have exactly the English key set', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
  });
  it('have no empty text and the same placeholders as English', () => {
    for (const [key, text] of Object.entries(english)) {
      const other = messages[key];
      expect(other, key).toBeTruthy();
      expect(placeholders(other ?? ''), key).toEqual(placeholders(text));
    }
  });
});

describe('where texts are kept', () => {
  it("keeps staff mode's texts out of the customer's tables (they load with staff mode, not the first screen)", () => {
    for (const table of [en, ru, uz]) expect(Object.keys(table).filter((key) => key.startsWith('staff.'))).toEqual([]);
    for (const table of [staffEn, staffRu, staffUz]) expect(Object.keys(table).filter((key) => !key.startsWith('staff.'))).toEqual([]);
  });
});
