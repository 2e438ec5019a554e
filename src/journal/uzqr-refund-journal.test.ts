import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tiyin } from '../money/money.ts';
import { clickPaid, testDraft } from '../testing/journal.ts';
import { uzqrSale } from '../testing/uzqr-fixtures.ts';
import { JournalError, openJournal, type Journal, type UzqrRefundRecord } from './journal.ts';

let journal: Journal;
beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
});
afterEach(() => journal.close());

const record = (id: string, amount: number, state: UzqrRefundRecord['state'] = 'pending'): UzqrRefundRecord => ({
  id,
  amount: tiyin(amount),
  at: '2025-05-18T17:19:00.000Z',
  state,
  refundId: state === 'sending' ? null : `REF-${id}`,
});

describe('the journal\'s uzqr.refund event', () => {
  it('adds and updates refunds by id, keeping the status and the payment', async () => {
    await uzqrSale(journal);
    await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-1', 300_000, 'sending'), note: 'sent' });
    const updated = await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-1', 300_000, 'refunded') });
    await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-2', 700_000) });
    const attempt = await journal.get('u-1');
    expect(updated.status).toBe('receipted');
    expect(attempt?.uzqrRefunds?.map((r) => [r.id, r.state])).toEqual([
      ['r-1', 'refunded'],
      ['r-2', 'pending'],
    ]);
    expect(attempt?.history.at(-3)).toMatchObject({ event: 'uzqr.refund', status: 'receipted', note: 'sent' });
  });

  it('never lets the refunds add up to more than was paid; a failed one does not count', async () => {
    await uzqrSale(journal);
    await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-1', 600_000) });
    await expect(journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-2', 400_001) })).rejects.toBeInstanceOf(JournalError);
    await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-1', 600_000, 'failed') });
    await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-2', 1_000_000) });
    // A failed refund cannot come back once the money it stood for was refunded another way.
    await expect(journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-1', 600_000, 'refunded') })).rejects.toBeInstanceOf(JournalError);
    expect((await journal.get('u-1'))?.uzqrRefunds?.map((r) => r.amount)).toEqual([600_000, 1_000_000]);
  });

  it('refuses a changed amount, a non-UzQR payment and money never taken', async () => {
    await uzqrSale(journal);
    await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-1', 100) });
    await expect(journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-1', 200) })).rejects.toBeInstanceOf(JournalError);
    await expect(journal.update('u-1', 'uzqr.refund', { uzqrRefund: record('r-3', 0) })).rejects.toBeInstanceOf(JournalError);
    await journal.record(testDraft('c-1', 'click', '1'));
    await journal.update('c-1', 'charge.paid', { payment: clickPaid });
    await expect(journal.update('c-1', 'uzqr.refund', { uzqrRefund: record('r-1', 100) })).rejects.toBeInstanceOf(JournalError);
    await journal.record(testDraft('u-2', 'uzqr', 'INV2'));
    await expect(journal.update('u-2', 'uzqr.refund', { uzqrRefund: record('r-1', 100) })).rejects.toBeInstanceOf(JournalError);
  });
});
