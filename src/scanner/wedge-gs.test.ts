// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { mapGsText, startWedgeReader } from './wedge-reader.ts';
import { TestClock } from '../testing/clock.ts';

const GS = '\u001d';
const expected = `0104780069000130215Ab+Qx${GS}93dGVz`;

let clock = new TestClock(0);
let reader: { stop(): void } | null = null;
afterEach(() => reader?.stop());

function start(gsCharacter?: string): string[] {
  clock = new TestClock(1000);
  const scans: string[] = [];
  reader = startWedgeReader({ onScan: (code) => scans.push(code), now: clock.now, ...(gsCharacter ? { gsCharacter } : {}) });
  return scans;
}

function key(init: KeyboardEventInit): void {
  clock.skip(8);
  document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
}

function typeChars(text: string): void {
  for (const ch of text) key({ key: ch });
}

describe('hand scanner GS character (config scanner.gsCharacter)', () => {
  it('a real GS character in the burst is kept as GS', () => {
    const scans = start();
    typeChars(`0104780069000130215Ab+Qx${GS}93dGVz`);
    key({ key: 'Enter' });
    expect(scans).toEqual([expected]);
  });

  it('Ctrl+] (the keyboard’s GS) inside a burst is GS, not a shortcut that breaks the burst', () => {
    const scans = start();
    typeChars('0104780069000130215Ab+Qx');
    key({ key: ']', code: 'BracketRight', ctrlKey: true });
    typeChars('93dGVz');
    key({ key: 'Enter' });
    expect(scans).toEqual([expected]);
  });

  it.each(['<GS>', '^]', '{GS}', '~'])('a scanner set to type %s for GS gives a code with real GS', (text) => {
    const scans = start(text);
    typeChars(`0104780069000130215Ab+Qx${text}93dGVz`);
    key({ key: 'Enter' });
    expect(scans).toEqual([expected]);
  });

  it('F8 is GS only when configured as "F8"; otherwise it ends the burst as before', () => {
    const mapped = start('F8');
    typeChars('0104780069000130215Ab+Qx');
    key({ key: 'F8' });
    typeChars('93dGVz');
    key({ key: 'Enter' });
    expect(mapped).toEqual([expected]);
    reader?.stop();
    const unmapped = start();
    typeChars('0104780069000130215Ab+Qx');
    key({ key: 'F8' });
    typeChars('93dGVz');
    key({ key: 'Enter' });
    expect(unmapped).not.toContain(expected);
  });

  it('mapGsText leaves codes alone when nothing (or the real GS) is configured', () => {
    expect(mapGsText('a<GS>b', undefined)).toBe('a<GS>b');
    expect(mapGsText(`a${GS}b`, GS)).toBe(`a${GS}b`);
    expect(mapGsText('a^]b^]c', '^]')).toBe(`a${GS}b${GS}c`);
  });
});
