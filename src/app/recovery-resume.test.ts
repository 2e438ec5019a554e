import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectedError } from '../testing/fake-gateway.ts';
import { openJournal, type Journal } from '../journal/journal.ts';
import type { RecoveryReport } from '../journal/recovery.ts';
import { clickPaid, humoPaid, testDraft } from '../testing/journal.ts';
import { resumeAfterRecovery, RESUME_WINDOW_MS } from './recovery-resume.ts';
import { TestClock } from '../testing/clock.ts';

const start = Date.parse('2025-03-01T10:00:00Z');
const minute = 60_000;
const receipt = { qrUrl: 'https://ofd.soliq.uz/check?t=UZ1&r=5&c=20250301100100&s=1', receiptCount: '5', fiscalSign: '1', terminalId: 'UZ1', dateTime: '20250301100100' };

let clock: TestClock;
let journal: Journal;

beforeEach(async () => {
  clock = new TestClock(start);
  journal = await openJournal({ indexedDB: new IDBFactory(), now: clock.date });
});

afterEach(() => journal.close());

function report(over: Partial<RecoveryReport> = {}): RecoveryReport {
  return { unknown: [], paid: [], unsettled: [], driven: [], failed: [], ...over };
}

describe('resumeAfterRecovery', () => {
  it('sends the customer of an attempt recovery turned unknown to staff assist, with its order and total', async () => {
    await journal.record(testDraft('w-1', 'click', '880101698207133392'));
    clock.skip(2 * minute);
    await journal.update('w-1', 'charge.unknown', { note: 'left recorded at restart' });
    const event = await resumeAfterRecovery(report({ unknown: ['w-1'] }), journal, clock.now());
    expect(event).toEqual({
      type: 'recovery.resume',
      attemptId: 'w-1',
      method: 'click',
      total: 1_000_000,
      orderNumber: '12',
      outcome: 'unknown',
      receiptRegistered: false,
      receiptUrl: null,
    });
  });

  it('shows done for a paid attempt whose receipt recovery just registered, receipt trouble while it still fails', async () => {
    await journal.record(testDraft('w-1', 'click', '880101698207133392'));
    await journal.update('w-1', 'charge.paid', { payment: clickPaid });
    clock.skip(minute);
    await journal.update('w-1', 'receipt.registered', { receipt });
    const done = await resumeAfterRecovery(report({ driven: [{ id: 'w-1', result: { ok: true, receipt } }] }), journal, clock.now() + 1_000);
    expect(done).toMatchObject({ attemptId: 'w-1', outcome: 'paid', receiptRegistered: true, receiptUrl: receipt.qrUrl });

    await journal.record(testDraft('p-1', 'humo'));
    await journal.update('p-1', 'charge.paid', { payment: humoPaid });
    await journal.update('p-1', 'receipt.failed', { error: rejectedError('101', 'Printer not working') });
    const trouble = await resumeAfterRecovery(report(), journal, clock.now() + 1_000);
    expect(trouble).toMatchObject({ attemptId: 'p-1', method: 'humo', outcome: 'paid', receiptRegistered: false, receiptUrl: null });
  });

  it('leaves attract alone for a receipt the customer already saw, an attempt older than ten minutes, or a finished one', async () => {
    await journal.record(testDraft('w-old', 'click', '1'));
    await journal.update('w-old', 'charge.unknown');
    clock.skip(RESUME_WINDOW_MS + minute);
    await journal.record(testDraft('w-seen', 'click', '2'));
    await journal.update('w-seen', 'charge.paid', { payment: clickPaid });
    await journal.update('w-seen', 'receipt.registered', { receipt });
    await journal.record(testDraft('w-declined', 'payme', '3'));
    await journal.update('w-declined', 'charge.declined');
    const driven = [{ id: 'w-seen', result: { ok: true as const, receipt } }];
    expect(await resumeAfterRecovery(report({ driven }), journal, clock.now() + 5 * minute)).toBeNull();
    expect(await resumeAfterRecovery(null, journal, clock.now() + 5 * minute)).toBeNull();
  });

  it('picks the newest attempt when several are left, and treats one still "recorded" as unknown', async () => {
    await journal.record(testDraft('p-1', 'humo'));
    await journal.update('p-1', 'charge.paid', { payment: humoPaid });
    clock.skip(minute);
    await journal.record(testDraft('u-1', 'uzcard'));
    const event = await resumeAfterRecovery(report({ failed: [{ id: 'u-1', problem: 'write refused' }] }), journal, clock.now());
    expect(event).toMatchObject({ attemptId: 'u-1', method: 'uzcard', outcome: 'unknown' });
  });
});
