import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UzqrCalls } from '../gateway/uzqr-calls.ts';
import { language } from '../i18n/i18n.svelte.ts';
import type { Journal } from '../journal/journal.ts';
import { uzqrSale } from '../testing/uzqr-fixtures.ts';
import { TestClock } from '../testing/clock.ts';
import { testJournal } from '../testing/journal.ts';
import { resetUzqrRefundSession } from './uzqr-refunds.ts';
import UzqrRefundsTab from './UzqrRefundsTab.svelte';

let journal: Journal;
let sent: { payId: string; amount: number }[];
const uzqr: Pick<UzqrCalls, 'refund'> = {
  refund: async (input) => {
    sent.push({ ...input });
    return { ok: true, value: { refundId: `REF${sent.length}`, status: 'pending', raw: '' } };
  },
};
const run = <T,>(work: () => Promise<T>) => work();

beforeEach(async () => {
  language.set('en');
  resetUzqrRefundSession();
  journal = await testJournal(new TestClock(new Date().toISOString()));
  sent = [];
  // A 10 000 so'm sale (order 12) paid by UzQR today.
  await uzqrSale(journal);
});
afterEach(() => {
  cleanup();
  journal.close();
});

async function refund(text: string): Promise<void> {
  await fireEvent.click(await screen.findByRole('button', { name: 'Refund order 12' }, { timeout: 5_000 }));
  const input = screen.getByLabelText('Amount to refund, soʻm (order 12)');
  await fireEvent.input(input, { target: { value: text } });
  await fireEvent.click(screen.getByRole('button', { name: 'Refund' }));
}

describe('UzQR refunds tab', () => {
  it('refunds part of a payment, then refuses a second refund above the remainder without sending it', async () => {
    const driven: string[] = [];
    render(UzqrRefundsTab, { journal, uzqr, run, onRefunded: async (id: string) => void driven.push(id) });
    await refund('3000');
    await fireEvent.click(await screen.findByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText(/UzQR accepted the refund of 3,000 UZS/, undefined, { timeout: 5_000 })).toBeTruthy();
    expect(sent).toEqual([{ payId: 'PAY12345678901234567', amount: 300_000 }]);
    expect(driven).toEqual(['u-1']);
    expect(await screen.findByText('3,000 UZS: in progress')).toBeTruthy();
    expect(screen.getByText('7,000 UZS')).toBeTruthy();

    await refund('7000.01');
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot refund 7,000.01 UZS: only 7,000 UZS of this payment is left to refund.');
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    expect(sent).toHaveLength(1);
    // IndexedDB (fake) and the rendering are slow on a loaded machine; the assertions wait, not the result.
  }, 30_000);

  it('offers the whole remainder and refuses an amount that is not so\'m', async () => {
    render(UzqrRefundsTab, { journal, uzqr, run });
    await fireEvent.click(await screen.findByRole('button', { name: 'Refund order 12' }, { timeout: 5_000 }));
    expect((screen.getByLabelText('Amount to refund, soʻm (order 12)') as HTMLInputElement).value).toBe('10000.00');
    await refund('12.345');
    expect((await screen.findByRole('alert')).textContent).toContain('Enter an amount above zero');
    await waitFor(() => expect(sent).toEqual([]));
  }, 30_000);
});
