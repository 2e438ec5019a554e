import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { create } from 'qrcode';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { language } from '../i18n/i18n.svelte.ts';
import { tiyin } from '../money/money.ts';
import AccessibilityToggle from './AccessibilityToggle.svelte';
import { a11yMode } from './a11y-mode.svelte.ts';
import CartPanel from './CartPanel.svelte';
import LanguageSwitch from './LanguageSwitch.svelte';
import MoneyText from './MoneyText.svelte';
import QrCode from './QrCode.svelte';
import { quietZone } from './qr-path.ts';
import { testCatalog } from '../testing/catalog.ts';

beforeEach(() => {
  language.set('en');
  a11yMode.set(false);
});

describe('LanguageSwitch', () => {
  it('offers the three languages, each marked with its own lang, and switches the UI language', async () => {
    render(LanguageSwitch);
    const uz = screen.getByRole('button', { name: "O'zbekcha" });
    const ru = screen.getByRole('button', { name: 'Русский' });
    const en = screen.getByRole('button', { name: 'English' });
    expect([uz.lang, ru.lang, en.lang]).toEqual(['uz', 'ru', 'en']);
    expect(en.getAttribute('aria-pressed')).toBe('true');
    expect(ru.getAttribute('aria-pressed')).toBe('false');

    await fireEvent.click(ru);
    expect(language.current).toBe('ru');
    expect(ru.getAttribute('aria-pressed')).toBe('true');
    expect(en.getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.lang).toBe('ru');
    // The group's own label follows the language; the button names stay native.
    expect(screen.getByRole('group', { name: 'Язык' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' })).toBe(en);
  });
});

describe('AccessibilityToggle', () => {
  it('turns accessibility mode on and off on the root element', async () => {
    render(AccessibilityToggle);
    const toggle = screen.getByRole('button', { name: 'Accessibility mode' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.classList.contains('a11y-mode')).toBe(true);
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.classList.contains('a11y-mode')).toBe(false);
  });
});

describe('MoneyText', () => {
  it('formats tiyin in the current language', async () => {
    const { container } = render(MoneyText, { amount: tiyin(5_600_000) });
    expect(container.textContent).toBe('56,000 UZS');
    language.set('ru');
    await Promise.resolve();
    expect(container.textContent?.replace(/\s/g, ' ')).toBe('56 000 сум');
  });
});

/** Paints the path's rectangles back onto a grid, to compare with the encoder's own matrix. */
function paint(path: string, dimension: number): boolean[][] {
  const grid = Array.from({ length: dimension }, () => Array<boolean>(dimension).fill(false));
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < w; i++) grid[y]![x + i] = true;
  }
  return grid;
}

describe('QrCode', () => {
  it('draws exactly the encoder’s dark modules, with a 4-module white quiet zone', () => {
    const url = 'https://pay.example.uz/s2p/0001?amount=500';
    render(QrCode, { text: url, label: 'Payment QR code' });
    const svg = screen.getByRole('img', { name: 'Payment QR code' });
    const paths = svg.querySelectorAll('path');
    expect(paths).toHaveLength(1);
    expect(paths[0]!.getAttribute('fill')).toBe('#000000');
    expect(svg.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');

    const { modules } = create(url, { errorCorrectionLevel: 'M' });
    const dimension = modules.size + 2 * quietZone;
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${dimension} ${dimension}`);
    const grid = paint(paths[0]!.getAttribute('d') ?? '', dimension);
    for (let y = 0; y < dimension; y++) {
      for (let x = 0; x < dimension; x++) {
        const inside = x >= quietZone && y >= quietZone && x < quietZone + modules.size && y < quietZone + modules.size;
        const expected = inside && modules.get(y - quietZone, x - quietZone) === 1;
        expect(grid[y]![x], `module ${x},${y}`).toBe(expected);
      }
    }
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'not a url', 'ftp://files.example.uz/r'])(
    'refuses %s and says so instead',
    (text) => {
      render(QrCode, { text, label: 'Payment QR code' });
      expect(screen.queryByRole('img')).toBeNull();
      expect(screen.getByText('This code cannot be shown. Please ask staff.')).toBeTruthy();
    },
  );
});

describe('CartPanel', () => {
  const handlers = () => ({
    onSetQuantity: vi.fn(),
    onRemove: vi.fn(),
    onPay: vi.fn(),
    onCancelOrder: vi.fn(),
  });

  it('shows lines, line totals and the total, and steps quantities within 1–20', async () => {
    const h = handlers();
    render(CartPanel, {
      catalog: testCatalog,
      cart: [
        { productId: 'cappuccino', quantity: 1 },
        { productId: 'samsa', quantity: 20 },
      ],
      ...h,
    });
    const lines = screen.getAllByRole('listitem');
    expect(lines).toHaveLength(2);
    expect(within(lines[0]!).getByText('Cappuccino')).toBeTruthy();
    expect(within(lines[1]!).getByText('240,010 UZS')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pay 268,010 UZS' })).toBeTruthy();

    const removeOneCappuccino = screen.getByRole('button', { name: 'Remove one Cappuccino' }) as HTMLButtonElement;
    const addOneSamsa = screen.getByRole('button', { name: 'Add one Samsa' }) as HTMLButtonElement;
    expect(removeOneCappuccino.disabled).toBe(true);
    expect(addOneSamsa.disabled).toBe(true);
    expect(screen.getByText('At most 20 of one item')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Add one Cappuccino' }));
    expect(h.onSetQuantity).toHaveBeenCalledWith('cappuccino', 2);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove one Samsa' }));
    expect(h.onSetQuantity).toHaveBeenCalledWith('samsa', 19);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Cappuccino' }));
    expect(h.onRemove).toHaveBeenCalledWith('cappuccino');
  });

  it('disables Pay and shows a hint when the cart is empty', async () => {
    const h = handlers();
    render(CartPanel, { catalog: testCatalog, cart: [], ...h });
    const pay = screen.getByRole('button', { name: /^Pay/ }) as HTMLButtonElement;
    expect(pay.disabled).toBe(true);
    expect(screen.getByText('Your order is empty. Tap a product to add it.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(h.onCancelOrder).toHaveBeenCalledOnce();
  });
});
