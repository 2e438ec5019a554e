import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { uz } from './messages/uz.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe.each([
  ['uz', uz],
  ['ru', ru],
])('%s messages', (_name, messages: Record<string, string>) => {
  it('have exactly the English key set', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });
  it('have no empty text and the same placeholders as English', () => {
    for (const [key, text] of Object.entries(en)) {
      const other = messages[key];
      expect(other, key).toBeTruthy();
      expect(placeholders(other ?? ''), key).toEqual(placeholders(text));
    }
  });
});
