import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ConfigErrorScreen from './ConfigErrorScreen.svelte';
import type { ConfigProblem } from '../config/config-problem.ts';

const invalid: ConfigProblem = {
  kind: 'invalid',
  url: 'http://kiosk.local/config.json',
  issues: [
    { path: 'timeouts.walletSeconds', message: 'must be a whole number of seconds' },
    { path: 'idleSecond', message: 'unknown key (misspelt?); it is not allowed here' },
  ],
};

describe('ConfigErrorScreen', () => {
  it.each([
    ['insecureContext', 'The kiosk page is not opened over a secure connection', 'не по защищённому соединению', 'xavfsiz ulanish orqali ochilmagan'],
    ['noIndexedDb', 'IndexedDB is not available', 'IndexedDB недоступен', 'IndexedDB mavjud emas'],
    ['noWebCrypto', 'The browser has no Web Crypto', 'В браузере нет Web Crypto', 'Brauzerda Web Crypto yoʻq'],
  ] as const)('names a browser problem (%s) as such in all three languages, not as a settings file', (cause, en, ru, uz) => {
    const { container } = render(ConfigErrorScreen, {
      problem: { kind: 'unreachable', cause, url: 'http://192.168.1.20:8000/', issues: [{ path: '', message: 'detail' }] },
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('The kiosk cannot start');
    expect(container.querySelector('section[lang="en"]')?.textContent).toContain(en);
    expect(container.querySelector('section[lang="ru"]')?.textContent).toContain(ru);
    expect(container.querySelector('section[lang="uz"]')?.textContent).toContain(uz);
    expect(container.textContent).not.toContain('settings file');
  });

  it('names the file and each wrong field, as text', () => {
    render(ConfigErrorScreen, { problem: invalid });
    const main = screen.getByRole('main');
    expect(within(main).getByText('http://kiosk.local/config.json')).toBeTruthy();
    const items = within(main).getAllByRole('listitem').map((li) => li.textContent?.trim());
    expect(items).toEqual([
      'timeouts.walletSeconds: must be a whole number of seconds',
      'idleSecond: unknown key (misspelt?); it is not allowed here',
    ]);
  });

  it('says out of service and to call staff in all three languages, each marked with its lang', () => {
    const { container } = render(ConfigErrorScreen, { problem: invalid });
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.textContent).toContain('Out of service');
    expect(heading.textContent).toContain('Vaqtincha ishlamaydi');
    expect(heading.textContent).toContain('Временно не работает');
    expect(within(container.querySelector('section[lang="en"]') as HTMLElement).getByText('Please call staff.')).toBeTruthy();
    expect(within(container.querySelector('section[lang="uz"]') as HTMLElement).getByText('Iltimos, xodimni chaqiring.')).toBeTruthy();
    expect(
      within(container.querySelector('section[lang="ru"]') as HTMLElement).getByText('Пожалуйста, позовите сотрудника.'),
    ).toBeTruthy();
    expect(screen.getByText('A settings file of this kiosk has a mistake.')).toBeTruthy();
  });

  it('tells an unreachable file from a broken one', () => {
    render(ConfigErrorScreen, {
      problem: { kind: 'not-json', url: 'http://kiosk.local/catalog.json', issues: [{ path: '', message: 'the server sent an HTML page, not JSON (is the file missing?)' }] },
    });
    expect(screen.getByText('A settings file of this kiosk is damaged: it is not valid JSON.')).toBeTruthy();
    expect(screen.queryByText('A settings file of this kiosk has a mistake.')).toBeNull();
    expect(screen.getByRole('listitem').textContent?.trim()).toBe('the server sent an HTML page, not JSON (is the file missing?)');
  });

  it('renders a message with markup as text, never as HTML', () => {
    const { container } = render(ConfigErrorScreen, {
      problem: { kind: 'invalid', url: 'x', issues: [{ path: 'kioskName', message: '<img src=x onerror=alert(1)>' }] },
    });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });

  it('shows the first ten issues and counts the rest', () => {
    const issues = Array.from({ length: 13 }, (_, i) => ({ path: `products.${i}.price`, message: 'must be a number (tiyin)' }));
    render(ConfigErrorScreen, { problem: { kind: 'invalid', url: 'x', issues } });
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(11);
    expect(items.at(-1)?.textContent).toContain('and 3 more');
    expect(items.at(-1)?.textContent).toContain('и ещё 3');
  });
});
