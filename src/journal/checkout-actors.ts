/**
 * The journal-backed actors the checkout machine (and the method machines it invokes) need. The app wiring
 * creates them once and passes them to `.provide()`; tests do the same with a fake-indexeddb journal.
 * Everything they write comes in their input (the checkout's draft): they read no machine's state.
 */
import { fromPromise } from 'xstate';
import type { ChargeDraft, RecordChargeInput, RecordOutcomeInput } from '../domain/attempt-types.ts';
import { JournalError, type Attempt, type AttemptDraft, type Journal } from './journal.ts';
import type { DriveResult, Outbox } from './outbox.ts';
import { createOutcomeKeeper, type OutcomeKeeper } from './outcome-keeper.ts';
import { defaultSettleWindowMs } from './recovery.ts';
import { settleByFor } from './scan2pay-watcher.ts';

export interface CheckoutJournalDeps {
  journal: Journal;
  outbox: Pick<Outbox, 'drive'>;
  /** Writes charge outcomes, keeping and retrying them when the journal fails. Default: one without a second place. */
  keeper?: OutcomeKeeper;
  /** Scan2pay: the QR's expiry plus the safety margin, from the attempt's creation. */
  scan2paySettleMs?: number;
  /** UzQR: the same for its QR (config `uzqr`). */
  uzqrSettleMs?: number;
  /** Told when a Scan2pay or UzQR attempt became unsettled (the wiring hands it to the watcher). */
  onUnsettled?: (attemptId: string) => void;
}

/** The journal record for a charge about to be sent: the checkout's draft and the method's `detail`. */
export function attemptDraftOf(draft: ChargeDraft, detail: string | null): AttemptDraft {
  return {
    id: draft.attemptId,
    method: draft.method,
    amount: draft.total,
    total: draft.total,
    lines: draft.lines,
    detail,
    orderNumber: draft.orderNumber,
    ...(draft.serviceMode ? { serviceMode: draft.serviceMode } : {}),
  };
}

/**
 * Creates `recordCharge` (for the method machines: resolves only once the attempt is durable, rejects — so no
 * charge goes out — when it cannot be written), and `recordOutcome`, `registerReceipt`, `nextOrderNumber`
 * (for the checkout machine).
 */
export function createJournalActors(deps: CheckoutJournalDeps) {
  const { journal, outbox } = deps;
  const keeper = deps.keeper ?? createOutcomeKeeper({ journal });
  const settleMs = deps.scan2paySettleMs ?? defaultSettleWindowMs;
  const uzqrSettleMs = deps.uzqrSettleMs ?? defaultSettleWindowMs;
  return {
    // Not aborted by the signal on purpose: a write that started is allowed to finish.
    recordCharge: fromPromise<void, RecordChargeInput>(async ({ input }) => {
      await journal.record(attemptDraftOf(input.draft, input.detail));
    }),
    recordOutcome: fromPromise<void, RecordOutcomeInput>(async ({ input }) => {
      const { draft, outcome } = input;
      const { attemptId } = draft;
      let existing: Attempt | undefined;
      let readable = true;
      try {
        existing = await journal.get(attemptId);
      } catch {
        // The journal cannot even be read: the keeper below still holds the outcome and retries the write.
        readable = false;
      }
      if (!existing && readable) {
        // Cancelled before the charge was recorded: nothing was sent, nothing to keep.
        if (outcome.outcome === 'cancelled') return;
        // A settled attempt that was never recorded would be lost: write it now from the checkout's draft.
        existing = await journal.record(attemptDraftOf(draft, null));
      }
      switch (outcome.outcome) {
        case 'paid':
          await keeper.write(attemptId, 'charge.paid', { payment: outcome.paid });
          return;
        case 'declined':
          await keeper.write(attemptId, 'charge.declined', { error: outcome.error, note: outcome.messageKey });
          return;
        case 'unknown': {
          const patch = { note: outcome.detail ?? outcome.messageKey, ...(outcome.error ? { error: outcome.error } : {}) };
          await keeper.write(attemptId, 'charge.unknown', patch);
          return;
        }
        case 'cancelled':
        case 'expired': {
          const checked = outcome.finalCheckFailed ? 'final status check failed' : 'final status check: not paid yet';
          const method = existing?.method ?? draft.method;
          if (method === 'uzqr' && outcome.finalCheckFailed) {
            // The cancel or the final check could not confirm the invoice closed: it may still be paid.
            await keeper.write(attemptId, 'charge.unsettled', {
              settleBy: settleByFor(existing?.createdAt ?? new Date().toISOString(), uzqrSettleMs),
              note: `${outcome.outcome}; the UzQR cancel or final check did not confirm the invoice closed`,
            });
            deps.onUnsettled?.(attemptId);
            return;
          }
          if (method === 'scan2pay') {
            // The QR stays payable at the gateway (it has no cancel call): watched, not closed. The customer is
            // not kept waiting: the checkout goes back to the methods as for any cancel.
            await keeper.write(attemptId, 'charge.unsettled', {
              settleBy: settleByFor(existing?.createdAt ?? new Date().toISOString(), settleMs),
              note: `${outcome.outcome}; ${checked}`,
            });
            deps.onUnsettled?.(attemptId);
            return;
          }
          await keeper.write(attemptId, outcome.outcome === 'cancelled' ? 'charge.cancelled' : 'charge.expired', {});
          return;
        }
        default: {
          const never: never = outcome;
          throw new JournalError(`unknown outcome ${JSON.stringify(never)}`);
        }
      }
    }),
    registerReceipt: fromPromise<DriveResult, { attemptId: string }>(({ input }) => outbox.drive(input.attemptId)),
    nextOrderNumber: fromPromise<string, { day: string }>(({ input }) => journal.nextOrderNumber(input.day)),
  };
}
