/**
 * Property tests of DESIGN.md §1 rule 10: no sequence of events makes a Scan2pay attempt final while the gateway
 * could still report it paid within the margin.
 *
 * 1. The journal's rule alone: any events, in any order, at any times, with the patches they need. A Scan2pay
 *    attempt never goes from `recorded` to `cancelled`/`expired`, and once `unsettled` it reaches a final
 *    not-paid status (`expired`, `resolved`) only at or after its `settleBy`.
 * 2. The kiosk as a whole (the checkout's journal writes, restarts with recovery, the watcher) against a gateway
 *    that reports the QR paid from some moment on, with status calls failing at random: a payment that lands
 *    within the window always ends in exactly one receipt; one that never lands ends `expired`, without a receipt.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { Result, Scan2payStatus } from '../gateway/types.ts';
import type { ChargeDraft, PaymentOutcome } from '../domain/attempt-types.ts';
import { attemptEvents, isTerminal, type AttemptEvent } from './attempt-status.ts';
import { createJournalActors } from './checkout-actors.ts';
import { FakeGateway, unknownError } from '../testing/fake-gateway.ts';
import { openJournal, type AttemptPatch } from './journal.ts';
import { createOutbox } from './outbox.ts';
import { recover } from './recovery.ts';
import { createScan2payWatcher } from './scan2pay-watcher.ts';
import { TestClock } from '../testing/clock.ts';
import { testDraft } from '../testing/journal.ts';

const orderId = '1716000000000123';
const windowMs = 900_000;
const start = Date.parse('2025-05-18T10:00:00Z');

function patchFor(event: AttemptEvent, at: number): AttemptPatch {
  switch (event) {
    case 'charge.paid':
    case 'staff.foundPaid':
      return { payment: { method: 'scan2pay', scan2payId: 'id', orderId } };
    case 'charge.unsettled':
      return { settleBy: new Date(at + windowMs).toISOString() };
    case 'receipt.registered':
      return { receipt: { qrUrl: 'https://ofd.soliq.uz/check?t=T', receiptCount: '1', fiscalSign: 'S', terminalId: 'T', dateTime: 'D' } };
    case 'staff.resolved':
      return { resolution: { reason: 'checked' } };
    default:
      return {};
  }
}

describe('Scan2pay money stays watched until it cannot move', () => {
  it('the journal never finalises an unsettled Scan2pay attempt before its settleBy, whatever the events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ event: fc.constantFrom(...attemptEvents), advanceMs: fc.integer({ min: 0, max: 400_000 }) }), {
          maxLength: 25,
        }),
        async (steps) => {
          const clock = new TestClock(start);
          const journal = await openJournal({ indexedDB: new IDBFactory(), now: clock.date });
          try {
            const recorded = testDraft('s', 'scan2pay', orderId);
            await journal.record(recorded);
            const draft: ChargeDraft = { attemptId: 's', method: 'scan2pay', total: recorded.total, lines: recorded.lines, orderNumber: recorded.orderNumber };
            let settleBy: number | null = null;
            let wasPaid = false;
            for (const step of steps) {
              clock.skip(step.advanceMs);
              const before = await journal.get('s');
              let after;
              try {
                after = await journal.update('s', step.event, patchFor(step.event, clock.now()));
              } catch {
                continue;
              }
              if (after.status === 'unsettled' && after.settleBy) settleBy = Date.parse(after.settleBy);
              if (after.status === 'paid') wasPaid = true;
              const finalNotPaid = isTerminal(after.status) && !wasPaid && after.status !== 'declined';
              if (before?.status === 'recorded') expect(['cancelled', 'expired']).not.toContain(after.status);
              if (finalNotPaid && settleBy !== null) expect(clock.now()).toBeGreaterThanOrEqual(settleBy);
            }
          } finally {
            journal.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the kiosk (checkout writes, restarts, watcher) receipts a payment that lands within the window exactly once', async () => {
    type Step =
      | { kind: 'leave'; outcome: 'cancelled' | 'expired'; finalCheckFailed: boolean }
      | { kind: 'restart' }
      | { kind: 'tick'; ms: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('leave' as const),
        outcome: fc.constantFrom('cancelled' as const, 'expired' as const),
        finalCheckFailed: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('restart' as const) }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 500, max: 300_000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        // When the customer pays, ms after the attempt's creation; null: never.
        fc.option(fc.integer({ min: 0, max: windowMs - 1 }), { nil: null }),
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        // Which status calls fail (by call number).
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        async (payAfter, steps, failures) => {
          const clock = new TestClock(start);
          const journal = await openJournal({ indexedDB: new IDBFactory(), now: clock.date });
          const gateway = new FakeGateway();
          let calls = 0;
          const status = (): Promise<Result<Scan2payStatus>> => {
            const failed = failures[calls++ % failures.length];
            if (failed) return Promise.resolve({ ok: false, error: unknownError('network') });
            const paid = payAfter !== null && clock.now() >= start + payAfter;
            return Promise.resolve(
              paid ? { ok: true, value: { paid: true, scan2payId: 'sid', orderId, raw: '{}' } } : { ok: true, value: { paid: false, raw: '{}' } },
            );
          };
          gateway.enqueue('scan2payStatus', ...Array.from({ length: 500 }, () => status));
          let outbox = createOutbox({ journal, gateway, cashier: 'K', now: clock.date, timers: clock });
          let watcher = createScan2payWatcher({ journal, gateway, outbox, now: clock.date, timers: clock });
          const actors = createJournalActors({ journal, outbox, scan2paySettleMs: windowMs });
          try {
            const recorded = testDraft('s', 'scan2pay', orderId);
            await journal.record(recorded);
            const draft: ChargeDraft = { attemptId: 's', method: 'scan2pay', total: recorded.total, lines: recorded.lines, orderNumber: recorded.orderNumber };
            let left = false;
            for (const step of steps) {
              if (step.kind === 'leave' && !left) {
                left = true;
                const outcome: PaymentOutcome = step.finalCheckFailed
                  ? { outcome: step.outcome, finalCheckFailed: true }
                  : { outcome: step.outcome };
                const writing = createActor(actors.recordOutcome, { input: { draft, outcome } }).start();
                await toPromise(writing);
                watcher.watch('s');
              } else if (step.kind === 'restart') {
                // The page goes away: its timers with it; the next one recovers from the journal.
                watcher.stop();
                outbox.stop();
                await watcher.idle();
                await outbox.idle();
                clock.pending.clear();
                outbox = createOutbox({ journal, gateway, cashier: 'K', now: clock.date, timers: clock });
                watcher = createScan2payWatcher({ journal, gateway, outbox, now: clock.date, timers: clock });
                await recover({ journal, gateway, outbox, settleWindowMs: windowMs });
                watcher.start();
                left = true;
              } else if (step.kind === 'tick') {
                clock.skip(step.ms);
                await watcher.check('s');
              }
              const attempt = await journal.get('s');
              const paidYet = payAfter !== null && clock.now() >= start + payAfter;
              // Never final-unpaid while the window is open.
              if (attempt && ['expired', 'cancelled', 'resolved'].includes(attempt.status)) {
                expect(clock.now()).toBeGreaterThanOrEqual(start + windowMs);
                expect(paidYet && payAfter !== null && payAfter < windowMs).toBe(false);
              }
            }
            // Let time run out with the gateway answering: everything settles. A QR still on screen (recorded) is the
            // payment machine's to poll; here its page goes away and the next start takes over.
            failures.fill(false);
            if ((await journal.get('s'))?.status === 'recorded') await recover({ journal, gateway, outbox, settleWindowMs: windowMs });
            for (let i = 0; i < 10; i++) {
              clock.skip(120_000);
              await watcher.check('s');
              await outbox.idle();
            }
            const attempt = await journal.get('s');
            if (payAfter !== null) {
              expect(['paid', 'receipted', 'done']).toContain(attempt?.status);
              await outbox.drive('s');
              await outbox.idle();
              expect((await journal.get('s'))?.status).toBe('done');
              expect(gateway.registered.map((r) => r.uuid)).toEqual(['s']);
            } else {
              expect(attempt?.status).toBe('expired');
              expect(gateway.registered).toEqual([]);
            }
          } finally {
            watcher.stop();
            outbox.stop();
            await watcher.idle();
            await outbox.idle();
            journal.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
