// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { hardenKiosk, isBlockedKey } from './kiosk-hardening.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('isBlockedKey', () => {
  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { ctrlKey: true })],
    ['Ctrl+Shift+R', key('R', { ctrlKey: true, shiftKey: true })],
    ['Ctrl+=', key('=', { ctrlKey: true })],
    ['Ctrl++', key('+', { ctrlKey: true, shiftKey: true })],
    ['Ctrl+-', key('-', { ctrlKey: true })],
    ['Ctrl+0', key('0', { ctrlKey: true })],
    ['Ctrl+P', key('p', { ctrlKey: true })],
    ['Ctrl+S', key('s', { ctrlKey: true })],
    ['Ctrl+O', key('o', { ctrlKey: true })],
    ['Ctrl+F', key('f', { ctrlKey: true })],
    ['F3', key('F3')],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { ctrlKey: true, shiftKey: true })],
    ['Ctrl+Shift+C', key('C', { ctrlKey: true, shiftKey: true })],
    ['Alt+Left', key('ArrowLeft', { altKey: true })],
    ['Alt+Home', key('Home', { altKey: true })],
    ['BrowserBack', key('BrowserBack')],
    ['⌘+R', key('r', { metaKey: true })],
  ])('blocks %s', (_name, event) => {
    expect(isBlockedKey(event)).toBe(true);
  });

  it.each([
    ['a digit', key('5')],
    ['Enter', key('Enter')],
    ['Tab', key('Tab')],
    ['Escape', key('Escape')],
    ['an arrow', key('ArrowLeft')],
    ['Backspace', key('Backspace')],
    ['Ctrl+C', key('c', { ctrlKey: true })],
    ['Ctrl+V', key('v', { ctrlKey: true })],
    ['Ctrl+A', key('a', { ctrlKey: true })],
    ['Ctrl+Z', key('z', { ctrlKey: true })],
  ])('lets %s through', (_name, event) => {
    expect(isBlockedKey(event)).toBe(false);
  });
});

describe('hardenKiosk key filter', () => {
  let cleanup: () => void = () => undefined;
  afterEach(() => {
    cleanup();
    document.body.innerHTML = '';
  });

  function dispatch(target: Element, init: KeyboardEventInit): boolean {
    const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event.defaultPrevented;
  }

  it('prevents F5 and Ctrl+R on the page, and leaves them to staff mode text fields', () => {
    cleanup = hardenKiosk(window);
    document.body.innerHTML = `<button id="b">Pay</button><main data-staff-mode><input id="reason"></main><input id="customer">`;
    const button = document.getElementById('b') as HTMLElement;
    expect(dispatch(button, { key: 'F5' })).toBe(true);
    expect(dispatch(button, { key: 'r', ctrlKey: true })).toBe(true);
    expect(dispatch(document.getElementById('customer') as HTMLElement, { key: '=', ctrlKey: true })).toBe(true);
    expect(dispatch(document.getElementById('reason') as HTMLElement, { key: 'f', ctrlKey: true })).toBe(false);
    expect(dispatch(button, { key: 'Enter' })).toBe(false);
  });
});
