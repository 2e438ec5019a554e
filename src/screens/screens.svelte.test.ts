import { act, fireEvent, render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testCatalog } from '../testing/catalog.ts';
import type { PaymentMethod } from '../gateway/types.ts';
import { language } from '../i18n/i18n.svelte.ts';
import { tiyin } from '../money/money.ts';
import {
  AttractScreen,
  ChooseMethodScreen,
  DoneScreen,
  IdlePrompt,
  MenuScreen,
  PinpadScreen,
  ReceiptScreen,
  ReceiptTroubleScreen,
  Scan2payScreen,
  StaffAssistScreen,
  UzqrScreen,
  WalletDeclinedScreen,
  WalletPayScreen,
} from './index.ts';

beforeEach(() => {
  language.set('en');
});

afterEach(() => {
  vi.useRealTimers();
});

/** Axe's landmark rules, by construction: one main, one h1 inside it. */
function expectOneMainWithH1(): HTMLElement {
  const mains = screen.getAllByRole('main');
  expect(mains).toHaveLength(1);
  expect(within(mains[0]!).getAllByRole('heading', { level: 1 })).toHaveLength(1);
  return mains[0]!;
}

const fakeScanner = createRawSnippet(() => ({ render: () => '<div data-testid="scanner">camera</div>' }));

describe('AttractScreen', () => {
  it('names the café, starts an order and offers language and accessibility controls', async () => {
    const onStart = vi.fn();
    render(AttractScreen, { kioskName: 'Choyxona Navro‘z', onStart });
    expectOneMainWithH1();
    expect(screen.getByRole('heading', { level: 1, name: 'Choyxona Navro‘z' })).toBeTruthy();
    expect(screen.getByText('Touch to start')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Accessibility mode' })).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: /Start/ }));
    expect(onStart).toHaveBeenCalledOnce();

    await fireEvent.click(screen.getByRole('button', { name: "O'zbekcha" }));
    expect(screen.getByRole('button', { name: 'Buyurtma berish' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Русский' }));
    expect(screen.getByRole('button', { name: 'Начать заказ' })).toBeTruthy();
  });
});

describe('MenuScreen', () => {
  const handlers = () => ({
    onAdd: vi.fn(),
    onSetQuantity: vi.fn(),
    onRemove: vi.fn(),
    onPay: vi.fn(),
    onCancelOrder: vi.fn(),
  });

  it('shows products as buttons named by name and price, filters by category, and adds on tap', async () => {
    const h = handlers();
    render(MenuScreen, { catalog: testCatalog, cart: [], notice: null, ...h });
    expectOneMainWithH1();
    const cappuccino = screen.getByRole('button', { name: 'Cappuccino 28,000 UZS, add to order' });
    expect(screen.getByRole('button', { name: 'Samsa 12,000.50 UZS, add to order' })).toBeTruthy();
    // The picture is decoration: the button already carries the name.
    expect(cappuccino.querySelector('img')?.getAttribute('alt')).toBe('');

    await fireEvent.click(cappuccino);
    expect(h.onAdd).toHaveBeenCalledWith('cappuccino');

    const all = screen.getByRole('button', { name: 'All' });
    const food = screen.getByRole('button', { name: 'Food' });
    expect(all.getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(food);
    expect(food.getAttribute('aria-pressed')).toBe('true');
    expect(all.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('button', { name: /Cappuccino/ })).toBeNull();
    expect(screen.getByRole('button', { name: /^Samsa/ })).toBeTruthy();
    await fireEvent.click(all);
    expect(screen.getByRole('button', { name: /^Cappuccino/ })).toBeTruthy();

    expect((screen.getByRole('button', { name: /^Pay/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks products already in the order, stops adding at 20 and pays the cart total', async () => {
    const h = handlers();
    render(MenuScreen, {
      catalog: testCatalog,
      cart: [
        { productId: 'cappuccino', quantity: 2 },
        { productId: 'latte', quantity: 20 },
      ],
      notice: null,
      ...h,
    });
    const cappuccino = screen.getByRole('button', { name: 'Cappuccino 28,000 UZS, 2 in your order, add one more' });
    expect(cappuccino.textContent).toContain('2');
    expect((screen.getByRole('button', { name: /^Latte 30,000 UZS, 20 in your order/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    const pay = screen.getByRole('button', { name: 'Pay 656,000 UZS' }) as HTMLButtonElement;
    expect(pay.disabled).toBe(false);
    await fireEvent.click(pay);
    expect(h.onPay).toHaveBeenCalledOnce();
  });

  it('announces a notice politely and follows the language', async () => {
    const h = handlers();
    render(MenuScreen, { catalog: testCatalog, cart: [], notice: 'menu.unknownBarcode', ...h });
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toContain("We don't know this barcode. Please ask staff.");

    await fireEvent.click(screen.getByRole('button', { name: 'Русский' }));
    // Intl groups Russian digits with a no-break space.
    const plain = (name: string) => name.replace(/\s/g, ' ');
    expect(
      screen.getByRole('button', { name: (name) => plain(name) === 'Капучино 28 000 сум, добавить в заказ' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Кофе' })).toBeTruthy();
  });
});

describe('ChooseMethodScreen', () => {
  const all: PaymentMethod[] = ['click', 'payme', 'uzum', 'anor', 'humo', 'uzcard', 'scan2pay', 'uzqr'];

  it('offers one button per configured method, named by its brand, grouped by kind', async () => {
    const onChoose = vi.fn();
    const onBack = vi.fn();
    render(ChooseMethodScreen, { methods: all, total: tiyin(5_600_000), notice: null, onChoose, onBack });
    expectOneMainWithH1();
    for (const brand of ['Click', 'Payme', 'Uzum', 'Anor', 'Humo', 'UzCard', 'Scan2pay', 'UzQR']) {
      expect(screen.getByRole('button', { name: brand })).toBeTruthy();
    }
    const anyBank = screen.getByRole('region', { name: 'Any bank app QR' });
    expect(within(anyBank).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Scan2pay', 'UzQR']);
    const card = screen.getByRole('region', { name: 'Bank card' });
    expect(within(card).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Humo', 'UzCard']);
    expect(screen.getByText('56,000 UZS')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Uzum' }));
    expect(onChoose).toHaveBeenCalledWith('uzum');
    await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('hides methods that are not configured and shows a decline reason as an alert', () => {
    render(ChooseMethodScreen, {
      methods: ['payme', 'humo'],
      total: tiyin(100),
      notice: 'menu.unknownBarcode',
      onChoose: vi.fn(),
      onBack: vi.fn(),
    });
    expect(screen.queryByRole('button', { name: 'Click' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Scan2pay' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Any bank app QR' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain("We don't know this barcode");
  });
});

describe('WalletPayScreen', () => {
  it('explains what to do, shows the scanner and can be cancelled while scanning', async () => {
    const onCancel = vi.fn();
    render(WalletPayScreen, {
      provider: 'click',
      amount: tiyin(5_600_000),
      notice: null,
      charging: false,
      onCancel,
      scanner: fakeScanner,
    });
    expectOneMainWithH1();
    expect(screen.getByText(/Open Click on your phone and show its payment QR/)).toBeTruthy();
    expect(screen.getByTestId('scanner')).toBeTruthy();
    expect(screen.getByText('56,000 UZS')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('offers no way out while the charge is in flight', () => {
    render(WalletPayScreen, {
      provider: 'uzum',
      amount: tiyin(5_600_000),
      notice: null,
      charging: true,
      onCancel: vi.fn(),
      scanner: fakeScanner,
    });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toContain('Payment in progress — please wait');
    expect(screen.queryByTestId('scanner')).toBeNull();
  });

  it('shows a notice with its values as an alert', () => {
    render(WalletPayScreen, {
      provider: 'payme',
      amount: tiyin(100),
      notice: 'screen.wallet.title',
      noticeVars: { brand: 'Payme' },
      charging: false,
      onCancel: vi.fn(),
      scanner: fakeScanner,
    });
    expect(screen.getByRole('alert').textContent).toBe('Pay with Payme');
  });
});

describe('PinpadScreen', () => {
  it('tells the customer to use the terminal and has no cancel', () => {
    render(PinpadScreen, { provider: 'uzcard', amount: tiyin(5_600_000) });
    expectOneMainWithH1();
    expect(screen.getByText('Tap or insert your card on the terminal')).toBeTruthy();
    expect(screen.getByText('Follow the instructions on the terminal')).toBeTruthy();
    expect(screen.getByText('56,000 UZS')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('UzCard');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});

describe('WalletDeclinedScreen', () => {
  it('gives the reason and two ways on', async () => {
    const onScanAgain = vi.fn();
    const onOtherMethod = vi.fn();
    render(WalletDeclinedScreen, { provider: 'anor', notice: 'menu.unknownBarcode', onScanAgain, onOtherMethod });
    expectOneMainWithH1();
    expect(screen.getByRole('alert').textContent).toContain("We don't know this barcode");
    await fireEvent.click(screen.getByRole('button', { name: 'Scan again' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choose another method' }));
    expect(onScanAgain).toHaveBeenCalledOnce();
    expect(onOtherMethod).toHaveBeenCalledOnce();
  });
});

describe('UzqrScreen', () => {
  const qrText = '00020101021240350012qr-online.uz0125INVC134B7FEFED34BC3B470B86304ABCD';

  it('shows qr_text as the QR with the amount, "scan with any bank app" and a countdown; Cancel', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    const onCancel = vi.fn();
    render(UzqrScreen, { qrText, amount: tiyin(2_800_000), expiresAt: Date.now() + 300_000, reconnecting: false, leaving: false, onCancel });
    expectOneMainWithH1();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Pay with UzQR');
    expect(screen.getByRole('img', { name: 'UzQR payment code' })).toBeTruthy();
    expect(screen.getByText('Scan with any bank app')).toBeTruthy();
    expect(screen.getByText('28,000 UZS')).toBeTruthy();
    expect(screen.getByText('Code valid for 05:00')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('says the code is being cancelled and takes no second Cancel while leaving', () => {
    render(UzqrScreen, { qrText, amount: tiyin(100), expiresAt: Date.now() + 60_000, reconnecting: true, leaving: true, onCancel: vi.fn() });
    expect(screen.getByText('Cancelling the payment code…')).toBeTruthy();
    expect(screen.queryByText('Reconnecting…')).toBeNull();
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('in Uzbek and Russian too', () => {
    language.set('uz');
    const { unmount } = render(UzqrScreen, { qrText, amount: tiyin(100), expiresAt: Date.now() + 60_000, reconnecting: false, leaving: false, onCancel: vi.fn() });
    expect(screen.getByText('Istalgan bank ilovasi bilan skanerlang')).toBeTruthy();
    unmount();
    language.set('ru');
    render(UzqrScreen, { qrText, amount: tiyin(100), expiresAt: Date.now() + 60_000, reconnecting: false, leaving: false, onCancel: vi.fn() });
    expect(screen.getByText('Отсканируйте любым банковским приложением')).toBeTruthy();
  });

  it('never draws a gateway text that is not a payment payload (a link, HTML)', () => {
    for (const bad of ['https://evil.example/pay', '<img src=x onerror=alert(1)>', '']) {
      const { unmount } = render(UzqrScreen, { qrText: bad, amount: tiyin(100), expiresAt: Date.now() + 60_000, reconnecting: false, leaving: false, onCancel: vi.fn() });
      expect(screen.queryByRole('img')).toBeNull();
      expect(screen.getByText('This code cannot be shown. Please ask staff.')).toBeTruthy();
      unmount();
    }
  });
});

describe('Scan2payScreen', () => {
  const url = 'https://scan2pay.example.uz/p/0001';

  it('shows the QR, counts down to expiry and stops its timer when it goes', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    const onCancel = vi.fn();
    const { unmount } = render(Scan2payScreen, {
      paymentUrl: url,
      amount: tiyin(5_600_000),
      expiresAt: Date.now() + 125_000,
      reconnecting: false,
      onCancel,
    });
    expectOneMainWithH1();
    expect(screen.getByRole('img', { name: 'Payment QR code' })).toBeTruthy();
    expect(screen.getByText('Scan with any banking app')).toBeTruthy();
    expect(screen.getByText('Code valid for 02:05')).toBeTruthy();

    await act(() => vi.advanceTimersByTime(6_000));
    expect(screen.getByText('Code valid for 01:59')).toBeTruthy();
    await act(() => vi.advanceTimersByTime(120_000));
    expect(screen.getByText('This code has expired')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();

    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says quietly that it is reconnecting', async () => {
    const props = $state({
      paymentUrl: url,
      amount: tiyin(100),
      expiresAt: Date.now() + 60_000,
      reconnecting: false,
      onCancel: vi.fn(),
    });
    const { container } = render(Scan2payScreen, props);
    const live = container.querySelector('[aria-live="polite"]');
    expect(live?.textContent?.trim()).toBe('');
    props.reconnecting = true;
    await act();
    expect(live?.textContent?.trim()).toBe('Reconnecting…');
  });

  it('refuses a payment URL that is not http(s)', () => {
    render(Scan2payScreen, {
      paymentUrl: 'javascript:alert(1)',
      amount: tiyin(100),
      expiresAt: Date.now() + 60_000,
      reconnecting: false,
      onCancel: vi.fn(),
    });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('This code cannot be shown. Please ask staff.')).toBeTruthy();
  });
});

describe('after payment', () => {
  it('ReceiptScreen says the payment was accepted and the receipt is being registered', () => {
    render(ReceiptScreen, { amount: tiyin(5_600_000) });
    expectOneMainWithH1();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Payment accepted');
    expect(screen.getByRole('status').textContent).toContain('Registering your receipt…');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('ReceiptTroubleScreen reassures, asks for staff and shows the order number', async () => {
    const onDone = vi.fn();
    render(ReceiptTroubleScreen, { orderNumber: '0042', onDone });
    expectOneMainWithH1();
    expect(screen.getByText('Your payment is safe')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('please call staff');
    expect(screen.getByText('0042')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('DoneScreen shows the pickup number, total, brand and the fiscal receipt QR', async () => {
    const onDone = vi.fn();
    render(DoneScreen, {
      orderNumber: '007',
      total: tiyin(5_600_000),
      method: 'payme',
      receiptUrl: 'https://ofd.soliq.uz/check?t=UZ170703100189&r=1&c=20250301&s=1',
      onDone,
    });
    expectOneMainWithH1();
    expect(screen.getByText('007')).toBeTruthy();
    expect(screen.getByText('56,000 UZS')).toBeTruthy();
    expect(screen.getByText('Paid with Payme')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Fiscal receipt QR code' })).toBeTruthy();
    expect(screen.getByText('Scan for your fiscal receipt')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('DoneScreen without a receipt URL shows no QR', () => {
    render(DoneScreen, { orderNumber: '8', total: tiyin(100), method: 'humo', receiptUrl: null, onDone: vi.fn() });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByText('Scan for your fiscal receipt')).toBeNull();
  });

  it('StaffAssistScreen tells the customer to call staff, shows the reference as text and offers no way out', () => {
    const reference = '<b>010965270742</b>';
    render(StaffAssistScreen, { amount: tiyin(5_600_000), method: 'humo', reference });
    expectOneMainWithH1();
    expect(screen.getByRole('alert').textContent).toContain('call staff');
    expect(screen.getByText('Do not pay again.', { exact: false })).toBeTruthy();
    expect(screen.getByText(reference)).toBeTruthy();
    expect(screen.getByText('Humo')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});

describe('IdlePrompt', () => {
  it('is a labelled modal dialog that takes focus and keeps the customer', async () => {
    const onStay = vi.fn();
    render(IdlePrompt, { secondsLeft: 15, onStay });
    const dialog = screen.getByRole('dialog', { name: 'Are you still there?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByText('Your order will be cleared in 15 s')).toBeTruthy();
    const stay = within(dialog).getByRole('button', { name: 'Yes, continue' });
    expect(document.activeElement).toBe(stay);
    await fireEvent.click(stay);
    expect(onStay).toHaveBeenCalledOnce();
  });
});
