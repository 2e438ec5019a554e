/**
 * Trusted key presses through the DevTools protocol, with their own time stamps: unlike keys dispatched inside the
 * page, these have the browser's default actions (Tab moves focus, Enter presses the focused button, F5 reloads),
 * so a test can show that the page stopped them. The time stamps are what a hand scanner gives (a few ms apart),
 * however slowly the test machine delivers them.
 */
import type { Page } from '@playwright/test';

interface KeyDefinition {
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  text?: string;
}

function definition(key: string): KeyDefinition {
  const named: Record<string, KeyDefinition> = {
    Enter: { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
    Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 },
    F5: { key: 'F5', code: 'F5', windowsVirtualKeyCode: 116 },
  };
  const known = named[key];
  if (known) return known;
  if (/^[a-z]$/i.test(key)) {
    return { key, code: `Key${key.toUpperCase()}`, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0), text: key };
  }
  if (/^[0-9]$/.test(key)) return { key, code: `Digit${key}`, windowsVirtualKeyCode: key.charCodeAt(0), text: key };
  throw new Error(`no key definition for ${key}`);
}

/** Presses `keys` one after the other, `gapMs` apart in event time (a hand scanner's burst). */
export async function trustedBurst(page: Page, keys: string[], gapMs = 8): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const sends: Promise<unknown>[] = [];
  keys.forEach((key, i) => {
    const def = definition(key);
    const timestamp = start + (i * gapMs) / 1000;
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: def.text ? 'keyDown' : 'rawKeyDown', ...def, timestamp }));
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...def, timestamp: timestamp + 0.001 }));
  });
  await Promise.all(sends);
  await cdp.detach();
}
