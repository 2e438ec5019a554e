// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWedgeReader } from './wedge-reader.ts';
import { TestClock } from '../testing/clock.ts';

const uzumCode = '7993:5061401:01KFDH8Z2M3Q4R5S6T7V8W9X0Y:3sySIUxrog+hhtBwUXquxn97N5k=';

let clock = new TestClock(0);
let scans: string[] = [];
let reader: { stop(): void };

/** Types like a keyboard: keydown on the focused element; if not prevented, the browser inserts the char. */
function press(key: string, gapMs: number, shift = false): KeyboardEvent {
  clock.skip(gapMs);
  const target = document.activeElement ?? document.body;
  const event = new KeyboardEvent('keydown', { key, shiftKey: shift, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  if (!event.defaultPrevented && key.length === 1 && target instanceof HTMLInputElement) target.value += key;
  return event;
}

function typeText(text: string, gapMs: number): KeyboardEvent[] {
  const events: KeyboardEvent[] = [];
  for (const ch of text) {
    const upper = ch !== ch.toLowerCase() || /[:+=]/u.test(ch);
    if (upper) press('Shift', gapMs / 2, true);
    events.push(press(ch, upper ? gapMs / 2 : gapMs, upper));
  }
  events.push(press('Enter', gapMs));
  return events;
}

beforeEach(() => {
  clock = new TestClock(1000);
  scans = [];
  document.body.innerHTML = '';
  reader = startWedgeReader({ onScan: (code) => scans.push(code), now: clock.now });
});
afterEach(() => reader.stop());

describe('wedge reader', () => {
  it('turns a fast burst ending in Enter into one scan with the exact code', () => {
    typeText(uzumCode, 8);
    expect(scans).toEqual([uzumCode]);
    typeText('880101698207133392', 10);
    expect(scans).toEqual([uzumCode, '880101698207133392']);
  });

  it('ignores slow human typing and lets it through', () => {
    const events = typeText('12345678', 150);
    expect(scans).toEqual([]);
    expect(events.every((e) => !e.defaultPrevented)).toBe(true);
  });

  it('keeps a burst out of a focused input and its Enter away from the page', () => {
    const input = document.createElement('input');
    input.value = 'abc';
    document.body.append(input);
    input.focus();
    let enterReachedPage = false;
    document.body.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') enterReachedPage = true;
    });
    const events = typeText('50501010793410469483', 9);
    expect(scans).toEqual(['50501010793410469483']);
    expect(input.value).toBe('abc');
    // From the third character on every key, Enter included, was cancelled before the input saw it.
    expect(events.slice(2).every((e) => e.defaultPrevented)).toBe(true);
    expect(enterReachedPage).toBe(false);
  });

  it('lets slow typing into a focused input land there', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    typeText('1234', 200);
    expect(input.value).toBe('1234');
    expect(scans).toEqual([]);
  });

  it('drops a burst that stalls before Enter and a burst shorter than minLength', () => {
    typeText('12', 5);
    expect(scans).toEqual([]);
    for (const ch of '123456') press(ch, 5);
    press('7', 500);
    press('Enter', 500);
    expect(scans).toEqual([]);
  });

  it('never reports the tail of a burst that broke off as a code, and reads the next scan again', () => {
    // A stall in the middle of a scan: the head stops, the tail arrives fast and ends in Enter.
    for (const ch of '7993:5061401') press(ch, 8);
    for (const ch of ':01KFDH8Z2M3Q4R5S') press(ch, ch === ':' ? 200 : 8);
    press('Enter', 8);
    expect(scans).toEqual([]);
    typeText('880101698207133392', 10);
    expect(scans).toEqual(['880101698207133392']);
  });

  it('stops listening after stop()', () => {
    reader.stop();
    typeText('1234567890', 5);
    expect(scans).toEqual([]);
  });
});

describe('wedge reader: control keys inside a scan (lock-down)', () => {
  it('swallows Tab, Enter and Ctrl/Alt keys of a burst, drops the code they broke into, and reads the next scan', () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    const reached: string[] = [];
    document.body.addEventListener('keydown', (e) => reached.push(e.key));
    const events: KeyboardEvent[] = [];
    for (const ch of 'abc') events.push(press(ch, 8));
    events.push(press('Tab', 8));
    for (const ch of 'def') events.push(press(ch, 8));
    const ctrlR = new KeyboardEvent('keydown', { key: 'r', ctrlKey: true, bubbles: true, cancelable: true });
    clock.skip(8);
    button.dispatchEvent(ctrlR);
    events.push(ctrlR);
    events.push(press('Enter', 8));
    for (const ch of 'ghi') events.push(press(ch, 8));
    events.push(press('Enter', 8));
    // The first two characters arrive before anything can tell them from typing (a field gets its value back once
    // the burst is recognised); every later key, Tab and Ctrl+R included, is the scanner's.
    expect(events.slice(2).every((e) => e.defaultPrevented)).toBe(true);
    expect(reached).toEqual(['a', 'b']);
    // "abc⇥def⌃R" is not a code; "ghi" (3 characters) is below minLength, so nothing is scanned.
    expect(scans).toEqual([]);
    typeText('880101698207133392', 10);
    expect(scans).toEqual(['880101698207133392']);
  });

  it('a second code right behind the first (a QR with a line break) is read as its own scan, not typed', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    typeText('12345678', 8);
    const events = typeText('87654321', 8);
    expect(scans).toEqual(['12345678', '87654321']);
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(input.value).toBe('');
  });
});
