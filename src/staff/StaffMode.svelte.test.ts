import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { language } from '../i18n/i18n.svelte.ts';
import type { Journal } from '../journal/journal.ts';
import { hashPin } from './pin.ts';
import { createPinLock } from './pin-lock.ts';
import { memoryStaffLog } from './staff-store.ts';
import { createStaffSession } from './staff-session.ts';
import StaffMode from './StaffMode.svelte';
import { HUMO_SLIP, UZCARD_RETURN_SLIP, UZCARD_SLIP } from '../testing/slips.ts';
import { fakeGateway, infoOk, pinpadOk, rejected, type FakeGateway } from '../testing/fake-gateway.ts';
import { fakeOutbox, seed, testJournal } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

const PIN = '246813';
let storedPin: string;

beforeEach(async () => {
  language.set('en');
  // Few iterations: the hash format is the real one, the test just should not take seconds.
  storedPin ??= await hashPin(PIN, 1000);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

interface Setup {
  journal: Journal;
  gateway: FakeGateway;
  onClose: ReturnType<typeof vi.fn>;
  onResolvedCurrent: ReturnType<typeof vi.fn>;
  clock: TestClock;
  outbox: ReturnType<typeof fakeOutbox>;
  staffLog: ReturnType<typeof memoryStaffLog>;
}

async function setup(
  options: {
    pin?: string | null;
    gateway?: FakeGateway;
    journal?: Journal;
    currentAttemptId?: string;
    idleSeconds?: number;
    badges?: string[];
    pinRefundLimit?: number;
  } = {},
): Promise<Setup> {
  const journal = options.journal ?? (await testJournal(new TestClock(new Date().toISOString())));
  const gateway = options.gateway ?? fakeGateway();
  gateway.answers.info ??= infoOk({ terminalId: 'UZ170703100189' });
  const onClose = vi.fn();
  const onResolvedCurrent = vi.fn();
  const clock = new TestClock(Date.now());
  const outbox = fakeOutbox();
  const staffLog = memoryStaffLog();
  render(StaffMode, {
    journal,
    gateway,
    outbox,
    config: {
      pin: options.pin === undefined ? storedPin : options.pin,
      idleSeconds: options.idleSeconds ?? 600,
      humoCancelBy: 'check',
      badges: options.badges ?? [],
      pinRefundLimit: options.pinRefundLimit ?? 10_000_000,
    },
    onClose,
    onResolvedCurrent,
    currentAttemptId: options.currentAttemptId,
    // A fresh session per test: its own PIN lock, log and refunds.
    session: createStaffSession({ pinLock: createPinLock(clock.now), log: staffLog }),
    now: clock.now,
  });
  return { journal, gateway, onClose, onResolvedCurrent, clock, outbox, staffLog };
}

async function enterPin(pin: string): Promise<void> {
  for (const digit of pin) await fireEvent.click(screen.getByRole('button', { name: digit }));
  await fireEvent.click(screen.getByRole('button', { name: 'OK' }));
}

async function unlock(): Promise<void> {
  await enterPin(PIN);
  await screen.findByRole('tab', { name: 'Attention' });
}

describe('PIN gate', () => {
  it('is a full-screen main with the Staff mode heading and keys for every digit', async () => {
    await setup();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Staff mode' })).toBeTruthy();
    for (const d of '0123456789') expect(screen.getByRole('button', { name: d })).toBeTruthy();
    expect(screen.getByLabelText('Staff PIN')).toHaveProperty('type', 'password');
    expect(screen.queryByRole('tab')).toBeNull();
  });

  it('says staff mode is not set up when there is no PIN', async () => {
    await setup({ pin: null });
    expect(screen.getByRole('alert').textContent).toContain('Staff mode is not set up (staff.pin in config.json)');
    expect(screen.queryByLabelText('Staff PIN')).toBeNull();
  });

  it('shows tries left after a wrong PIN and stays shut', async () => {
    await setup();
    await enterPin('111111');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong PIN. Tries left: 4');
    expect(screen.queryByRole('tab')).toBeNull();
  });

  it('locks after 5 wrong PINs, shows the time left, refuses the right PIN, and reopens after 5 minutes', async () => {
    const { clock } = await setup();
    for (let i = 0; i < 4; i++) {
      await enterPin('111111');
      await screen.findByText(`Wrong PIN. Tries left: ${4 - i}`);
    }
    await enterPin('111111');
    expect((await screen.findByText(/Locked for/)).textContent).toBe('Too many wrong PINs. Locked for 5:00');
    expect(screen.getByRole('button', { name: '1' })).toHaveProperty('disabled', true);
    // Typing into the field cannot get around the lock either.
    const field = screen.getByLabelText('Staff PIN');
    expect(field).toHaveProperty('disabled', true);
    await fireEvent.submit(field.closest('form') as HTMLFormElement);
    expect(screen.queryByRole('tab')).toBeNull();

    clock.skip(5 * 60_000);
    await waitFor(() => expect(screen.getByRole('button', { name: '1' })).toHaveProperty('disabled', false), { timeout: 2500 });
    await unlock();
    // Five PIN checks and the lock's one-second tick: more than the default 5 s on a loaded machine.
  }, 20_000);

  it('opens on the right PIN', async () => {
    await setup();
    await unlock();
    expect(screen.getByRole('tab', { name: 'Card payments today' })).toBeTruthy();
    expect(screen.queryByLabelText('Staff PIN')).toBeNull();
  });
});

async function cardsJournal(): Promise<Journal> {
  const clock = new TestClock(new Date().toISOString());
  const journal = await testJournal(clock);
  await seed(journal, clock, { id: 'h1', method: 'humo', amount: 2_800_000, to: 'done', slip: HUMO_SLIP, rrn: '408005356147', orderNumber: '5' });
  await seed(journal, clock, { id: 'u1', method: 'uzcard', amount: 50_000, to: 'done', slip: UZCARD_SLIP, rrn: '010965628751', orderNumber: '6' });
  return journal;
}

async function openCards(): Promise<void> {
  await unlock();
  await fireEvent.click(screen.getByRole('tab', { name: 'Card payments today' }));
  await screen.findByRole('cell', { name: '408005356147' });
}

function rowOf(text: string): HTMLElement {
  const cell = screen.getByRole('cell', { name: text });
  return cell.closest('tr') as HTMLElement;
}

describe('card refunds', () => {
  it('lists the day with RRN and check number, asks before cancelling, and Back sends nothing', async () => {
    const gateway = fakeGateway();
    await setup({ gateway, journal: await cardsJournal() });
    await openCards();
    const humo = rowOf('408005356147');
    expect(within(humo).getByRole('cell', { name: '340' })).toBeTruthy();
    expect(within(rowOf('010965628751')).getByRole('button', { name: 'Return' })).toBeTruthy();

    await fireEvent.click(within(humo).getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Cancel 28,000 UZS paid by Humo, check 340?');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(gateway.calls).toEqual([]);
  });

  it('a refund above staff.pinRefundLimit after a PIN login needs the badge: nothing is sent', async () => {
    const gateway = fakeGateway();
    await setup({ gateway, journal: await cardsJournal(), pinRefundLimit: 1_000_000 });
    await openCards();
    await fireEvent.click(within(rowOf('408005356147')).getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'A refund of this size needs a staff badge. Close staff mode and open it again with your badge.',
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(gateway.calls).toEqual([]);
    // Below the limit the PIN is enough.
    await fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await fireEvent.click(within(rowOf('010965628751')).getByRole('button', { name: 'Return' }));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });

  it('journals the login and the refund with the method used (PIN)', async () => {
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', 'ОДОБРЕНО\nКод ответа:400', '416311639412') });
    const { staffLog, journal } = await setup({ gateway, journal: await cardsJournal() });
    await openCards();
    await fireEvent.click(within(rowOf('408005356147')).getByRole('button', { name: 'Cancel' }));
    await fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Confirm' }));
    await screen.findByText('Payment cancelled.');
    await waitFor(() => expect(staffLog.entries.map((e) => `${e.action} ${e.method}`)).toEqual(['login pin', 'refund pin']));
    expect(staffLog.entries[1]).toMatchObject({ attemptId: 'h1', kind: 'cancel', amount: 2_800_000 });
    expect((await journal.get('h1'))?.refund?.by).toBe('pin');
  });

  it('cancels after Confirm, shows the slip as text (markup stays characters), and removes the button', async () => {
    const slip = 'Отмена (CANCEL)\nОДОБРЕНО\n<b>bold</b><img src=x onerror=alert(1)>\nКод ответа:400';
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', slip, '416311639412') });
    const { journal } = await setup({ gateway, journal: await cardsJournal() });
    await openCards();
    await fireEvent.click(within(rowOf('408005356147')).getByRole('button', { name: 'Cancel' }));
    await fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Confirm' }));

    expect(await screen.findByText('Payment cancelled.')).toBeTruthy();
    expect(gateway.calls).toEqual([{ name: 'humoCancel', args: ['340', 2_800_000] }]);
    const shown = screen.getByLabelText('Slip');
    expect(shown.textContent).toBe(slip);
    expect(shown.querySelector('b, img')).toBeNull();
    await waitFor(() => expect(within(rowOf('408005356147')).queryByRole('button', { name: 'Cancel' })).toBeNull());
    expect(within(rowOf('408005356147')).getByText(/^Cancelled at/)).toBeTruthy();
    expect((await journal.get('h1'))?.refund?.kind).toBe('cancel');
  });

  it('shows a refusal reason as text and keeps the payment refundable', async () => {
    const refusal = rejected('108', 'XUMO error');
    if (!refusal.ok && refusal.error.kind === 'rejected') refusal.error.slip = 'Код ответа: 218';
    const gateway = fakeGateway({ humoCancel: () => refusal });
    await setup({ gateway, journal: await cardsJournal() });
    await openCards();
    await fireEvent.click(within(rowOf('408005356147')).getByRole('button', { name: 'Cancel' }));
    await fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Confirm' }));

    expect((await screen.findByRole('alert')).textContent).toContain('The refund was refused. Nothing was refunded.');
    expect(screen.getByText('Response code 218: already cancelled.')).toBeTruthy();
    expect(screen.getByText('Gateway error code 108')).toBeTruthy();
    await waitFor(() =>
      expect(within(rowOf('408005356147')).getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', false),
    );
    expect(within(rowOf('408005356147')).getByText('Not refunded')).toBeTruthy();
  });

  it('shows the salvaged UzCard return answer as a success', async () => {
    const gateway = fakeGateway({ uzcardReturn: () => pinpadOk('uzcard', UZCARD_RETURN_SLIP, '010968002727') });
    await setup({ gateway, journal: await cardsJournal() });
    await openCards();
    await fireEvent.click(within(rowOf('010965628751')).getByRole('button', { name: 'Return' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('Return 500 UZS paid by UzCard, RRN 010965628751?');
    await fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Money returned.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(gateway.calls[0]?.args).toEqual(['010965628751', 50_000]);
  });
});

describe('attention', () => {
  it('needs a reason to resolve, then tells the app the locked attempt is resolved', async () => {
    const clock = new TestClock(new Date(Date.now() - 60_000).toISOString());
    const journal = await testJournal(clock);
    await seed(journal, clock, { id: 'x1', method: 'click', amount: 1_200_000, to: 'unknown', orderNumber: '12' });
    const { onResolvedCurrent } = await setup({ journal, currentAttemptId: 'x1' });
    await unlock();
    const item = (await screen.findByRole('heading', { name: /Order 12/ })).closest('li') as HTMLElement;
    expect(item.textContent).toContain('Outcome unknown');
    expect(item.textContent).toContain('unknown timeout');

    await fireEvent.click(within(item).getByRole('button', { name: 'Mark resolved' }));
    await fireEvent.click(within(item).getByRole('button', { name: 'Confirm: resolved' }));
    expect((await within(item).findByRole('alert')).textContent).toBe('Write the reason first.');
    expect(onResolvedCurrent).not.toHaveBeenCalled();

    await fireEvent.input(within(item).getByLabelText('Reason (required)'), { target: { value: 'not in Click app' } });
    await fireEvent.click(within(item).getByRole('button', { name: 'Confirm: resolved' }));
    await waitFor(() => expect(onResolvedCurrent).toHaveBeenCalledWith('x1'));
    expect((await journal.get('x1'))?.resolution?.reason).toBe('not in Click app');
    await screen.findByText('Nothing needs attention.');
  });
});

describe('attention: mark as paid', () => {
  it('asks for the RRN, keeps it as typed, drives the receipt and reports the current attempt', async () => {
    const clock = new TestClock(new Date(Date.now() - 60_000).toISOString());
    const journal = await testJournal(clock);
    await seed(journal, clock, { id: 'p1', method: 'uzcard', amount: 500_000, to: 'unknown', orderNumber: '31' });
    const { onResolvedCurrent, outbox } = await setup({ journal, currentAttemptId: 'p1' });
    await unlock();
    const item = (await screen.findByRole('heading', { name: /Order 31/ })).closest('li') as HTMLElement;
    await fireEvent.click(within(item).getByRole('button', { name: 'Mark as paid' }));
    await fireEvent.click(within(item).getByRole('button', { name: 'Confirm: paid' }));
    expect((await within(item).findByRole('alert')).textContent).toBe('Fill in the required fields.');
    expect(outbox.driven).toEqual([]);

    await fireEvent.input(within(item).getByLabelText('RRN (from the terminal slip)'), { target: { value: '010965628751' } });
    await fireEvent.click(within(item).getByRole('button', { name: 'Confirm: paid' }));
    await waitFor(() => expect(onResolvedCurrent).toHaveBeenCalledWith('p1'));
    expect(outbox.driven).toEqual(['p1']);
    const stored = await journal.get('p1');
    expect(stored?.status).toBe('paid');
    expect(stored?.payment).toMatchObject({ method: 'pinpad', result: { rrn: '010965628751' } });
  });
});

describe('health', () => {
  it('shows the terminal id and warns when the gateway clock is off by more than 4 minutes', async () => {
    const gateway = fakeGateway();
    const { clock } = await setup({ gateway });
    // The gateway prints whole seconds: align the kiosk clock so the difference is exact.
    clock.set(Math.floor(clock.now() / 1000) * 1000);
    const off = new Date(clock.now() + 6 * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    const text = `${off.getFullYear()}-${p(off.getMonth() + 1)}-${p(off.getDate())} ${p(off.getHours())}:${p(off.getMinutes())}:${p(off.getSeconds())}`;
    gateway.answers.info = infoOk({ terminalId: 'UZ170703100189', currentTime: text });
    await unlock();
    await fireEvent.click(screen.getByRole('tab', { name: 'Health' }));
    expect(await screen.findByText('UZ170703100189')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('more than 4 minutes');
    expect(screen.getByText('+6 min 0 s')).toBeTruthy();
  });
});

describe('tabs load once when opened', () => {
  it('asks /info/ once for the Health tab, and the journal once for Attention, however long they stay open', async () => {
    const gateway = fakeGateway();
    const journal = await testJournal(new TestClock(new Date().toISOString()));
    const list = vi.spyOn(journal, 'list');
    await setup({ gateway, journal });
    await unlock();
    await fireEvent.click(screen.getByRole('tab', { name: 'Health' }));
    expect(await screen.findByText('UZ170703100189')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
    expect(gateway.calls.filter((c) => c.name === 'info')).toHaveLength(1);
    list.mockClear();
    await fireEvent.click(screen.getByRole('tab', { name: 'Attention' }));
    await screen.findByText('Nothing needs attention.');
    await new Promise((r) => setTimeout(r, 300));
    expect(list).toHaveBeenCalledTimes(1);
  });
});

describe('export', () => {
  it('downloads the day as JSON through an object URL that is revoked after the click', async () => {
    const created: Blob[] = [];
    const revoked: string[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test/1';
    };
    URL.revokeObjectURL = (url: string) => revoked.push(url);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await setup({ journal: await cardsJournal() });
    await unlock();
    await fireEvent.click(screen.getByRole('tab', { name: 'Export' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Download JSON' }));
    await waitFor(() => expect(revoked).toEqual(['blob:test/1']));
    expect(click).toHaveBeenCalledOnce();
    expect(await created[0]?.text()).toContain('"orderNumber": "5"');
    click.mockRestore();
  });

  it('downloads the staff access log: the login with its method', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test/2';
    };
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await setup();
    await unlock();
    await fireEvent.click(screen.getByRole('tab', { name: 'Export' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Download staff access log (JSON)' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(JSON.parse(await (created[0] as Blob).text())).toEqual([expect.objectContaining({ action: 'login', method: 'pin' })]);
    click.mockRestore();
  });
});

describe('idle close', () => {
  it('closes after idleSeconds without input; input inside restarts the wait', async () => {
    const journal = await testJournal(new TestClock());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { onClose } = await setup({ pin: null, idleSeconds: 30, journal });
    vi.advanceTimersByTime(20_000);
    await fireEvent.pointerDown(screen.getByRole('main'));
    vi.advanceTimersByTime(20_000);
    expect(onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('closes with the Close button', async () => {
    const { onClose } = await setup({ pin: null });
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
