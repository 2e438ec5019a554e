import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Banner } from '../gateway/fiscal-calls.ts';
import type { Result } from '../gateway/types.ts';
import { openJournal, openKioskDatabaseRequest } from './journal.ts';
import { createKitchenTickets, ticketBanners, ticketOf } from './kitchen-tickets.ts';
import { humoPaid, testDraft } from '../testing/journal.ts';

const printerError: Result<null> = { ok: false, error: { kind: 'rejected', code: '101', message: 'Printer not working', raw: '{}' } as never };

async function setup(answers: Result<null>[]) {
  const factory = new IDBFactory();
  const name = `k-${Math.random()}`;
  const journal = await openJournal({ indexedDB: factory, dbName: name });
  const printed: Banner[][] = [];
  const print = async (banners: Banner[]) => {
    printed.push(banners);
    return answers.shift() ?? { ok: true as const, value: null };
  };
  const open = async () => (await wrap(openKioskDatabaseRequest(factory, name))) as unknown as IDBPDatabase;
  const kitchen = createKitchenTickets({ open, journal, print, locale: 'en', retryDelaysMs: [] });
  await journal.record({ ...testDraft('a1', 'humo'), serviceMode: 'takeAway' });
  await journal.update('a1', 'charge.paid', { payment: humoPaid });
  const receipted = await journal.update('a1', 'receipt.registered', {
    receipt: { qrUrl: 'https://ofd.soliq.uz/check?t=1', receiptCount: '1', fiscalSign: '1', terminalId: 'T', dateTime: '20250101000000' },
  });
  return { kitchen, printed, receipted, journal };
}

describe('kitchen tickets', () => {
  it('print a ticket once per order: number large, service mode, lines, time, cut last', async () => {
    const { kitchen, printed, receipted } = await setup([]);
    await kitchen.enqueue(receipted);
    await kitchen.enqueue(receipted);
    await kitchen.sweep();
    await kitchen.idle();
    expect(printed).toHaveLength(1);
    const data = printed[0]!.map((b) => b.data);
    expect(data[0]).toBe('Order 12');
    expect(data).toContain('TAKE AWAY');
    expect(data).toContain('2 × Choy');
    expect(printed[0]!.at(-1)?.cut).toBe(true);
    expect((await kitchen.today())[0]).toMatchObject({ status: 'printed', tries: 1 });
  });

  it('keep a ticket the printer refused (101) as failed, print it at the next sweep, and reprint on demand', async () => {
    const { kitchen, printed, receipted } = await setup([printerError]);
    await kitchen.enqueue(receipted);
    expect((await kitchen.today())[0]).toMatchObject({ status: 'failed', lastError: { kind: 'rejected', code: '101' } });
    await kitchen.sweep();
    expect((await kitchen.today())[0]).toMatchObject({ status: 'printed', tries: 2 });
    await kitchen.sweep();
    expect(printed).toHaveLength(2);
    expect((await kitchen.reprint('a1')).ok).toBe(true);
    expect(printed).toHaveLength(3);
  });

  it('catch up at start on a receipted order whose ticket was never written (a crash after the receipt)', async () => {
    const { kitchen, printed } = await setup([]);
    await kitchen.sweep();
    expect(printed).toHaveLength(1);
  });

  it('builds the banners from the receipt lines with their choices', () => {
    const ticket = ticketOf(
      { id: 'x', day: '2025-01-01', orderNumber: '7', lines: [{ name: 'Latte (L, Suli suti)', amount: 1000 }], serviceMode: 'eatIn' } as never,
      new Date(2025, 0, 1, 9, 5),
    );
    const banners = ticketBanners(ticket, 'uz', new Date(2025, 0, 1, 9, 5));
    expect(banners.map((b) => b.data)).toEqual(['Buyurtma 7', 'SHU YERDA', '1 × Latte (L, Suli suti)', '2025-01-01 09:05']);
    expect(banners.every((b) => ['text'].includes(b.type))).toBe(true);
  });
});
