import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { language } from './staff-i18n.ts';
import RefundConfirm from './RefundConfirm.svelte';

beforeEach(() => language.set('en'));
afterEach(() => cleanup());

function props(overrides: Partial<{ sending: boolean; standalone: boolean }> = {}) {
  const calls: string[] = [];
  return {
    calls,
    props: {
      question: 'Return 500 UZS paid by UzCard?',
      sendingText: 'Follow the terminal',
      sending: false,
      onConfirm: () => void calls.push('confirm'),
      onBack: () => void calls.push('back'),
      ...overrides,
    },
  };
}

describe('RefundConfirm', () => {
  it('is an alert dialog named by its question, with Confirm and Back', async () => {
    const { calls, props: p } = props();
    render(RefundConfirm, p);
    const dialog = screen.getByRole('alertdialog', { name: 'Return 500 UZS paid by UzCard?' });
    expect(within(dialog).queryByRole('status')).toBeNull();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(calls).toEqual(['confirm', 'back']);
  });

  it('while sending, says what happens meanwhile and lets neither button be pressed again', async () => {
    const { props: p } = props({ sending: true });
    render(RefundConfirm, p);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.getAttribute('aria-busy')).toBe('true');
    expect(within(dialog).getByRole('status').textContent).toBe('Follow the terminal');
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' }) as HTMLButtonElement;
    const back = within(dialog).getByRole('button', { name: 'Back' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(back.disabled).toBe(true);
  });

  it('standing alone it is a card headed by its question; inside a form the question is a paragraph', () => {
    render(RefundConfirm, props({ standalone: true }).props);
    expect(screen.getByRole('heading', { level: 3, name: 'Return 500 UZS paid by UzCard?' })).toBeTruthy();
    expect(screen.getByRole('alertdialog').classList.contains('card')).toBe(true);
    cleanup();
    render(RefundConfirm, props().props);
    expect(screen.queryByRole('heading')).toBeNull();
    expect(screen.getByRole('alertdialog').classList.contains('card')).toBe(false);
    expect(screen.getByText('Return 500 UZS paid by UzCard?').tagName).toBe('P');
  });
});
