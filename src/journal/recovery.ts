/**
 * What the kiosk does with the journal when it starts (after a reload, crash or power cut): nothing that may
 * have been charged is forgotten, and nothing is charged again (DESIGN.md §1 rules 1–3).
 */
import type { Gateway } from '../gateway/types.ts';
import type { Journal } from './journal.ts';
import type { DriveResult, Outbox } from './outbox.ts';
import { settleByFor } from './scan2pay-watcher.ts';

/** Default Scan2pay settle window: the default QR expiry (300 s) plus the default margin (600 s). */
export const defaultSettleWindowMs = 900_000;

export interface RecoveryReport {
  /** Left `recorded` where the charge may have gone out: now `unknown`, for staff. */
  unknown: string[];
  /** Scan2pay attempts the gateway says were paid meanwhile: now `paid`, receipt driven. */
  paid: string[];
  /**
   * Scan2pay attempts not found paid (or whose status could not be read), and every recorded UzQR attempt: now
   * `unsettled`, watched by the watcher until their QR cannot be paid any more. Never finalised here.
   */
  unsettled: string[];
  /** Every attempt handed to the outbox, with its first receipt try's result. */
  driven: { id: string; result: DriveResult }[];
  /** Attempts the journal refused to update (left as they were; the next start tries again). */
  failed: { id: string; problem: string }[];
}

/**
 * Settles every attempt a previous run left behind and hands paid ones to the outbox. Resolves after each
 * receipt's first try; the outbox keeps retrying the rest in the background.
 */
export async function recover(deps: {
  journal: Journal;
  gateway: Gateway;
  outbox: Pick<Outbox, 'drive'>;
  /** Scan2pay: the QR's expiry plus the safety margin, from the attempt's creation. */
  settleWindowMs?: number;
  /** UzQR: the same for its QR (config `uzqr`). */
  uzqrSettleWindowMs?: number;
}): Promise<RecoveryReport> {
  const { journal, gateway, outbox } = deps;
  const settleWindowMs = deps.settleWindowMs ?? defaultSettleWindowMs;
  const uzqrSettleWindowMs = deps.uzqrSettleWindowMs ?? defaultSettleWindowMs;
  const report: RecoveryReport = { unknown: [], paid: [], unsettled: [], driven: [], failed: [] };
  for (const attempt of await journal.list({ status: 'recorded' })) {
    try {
      if (attempt.method === 'uzqr' && attempt.detail !== null) {
        // Recorded once its invoice existed, so its QR may have been paid. Its status is a long poll (up to 2
        // minutes), too slow for the start: the watcher asks, and a payment found there gets its receipt.
        await journal.update(attempt.id, 'charge.unsettled', {
          settleBy: settleByFor(attempt.createdAt, uzqrSettleWindowMs),
          note: 'UzQR QR left at restart; the watcher asks its status',
        });
        report.unsettled.push(attempt.id);
        continue;
      }
      if (attempt.method !== 'scan2pay') {
        // Written before the charge request, never settled: the charge may have gone out.
        await journal.update(attempt.id, 'charge.unknown', { note: 'left recorded at restart; the charge may have gone out' });
        report.unknown.push(attempt.id);
        continue;
      }
      if (attempt.detail === null) {
        await journal.update(attempt.id, 'charge.unknown', { note: 'Scan2pay attempt without an order id' });
        report.unknown.push(attempt.id);
        continue;
      }
      const status = await gateway.scan2payStatus(attempt.detail);
      if (status.ok && status.value.paid) {
        await journal.update(attempt.id, 'charge.paid', {
          payment: { method: 'scan2pay', scan2payId: status.value.scan2payId, orderId: status.value.orderId || attempt.detail },
          note: 'found paid at restart',
        });
        report.paid.push(attempt.id);
      } else {
        // Unpaid so far, or the status could not be read: the QR may still be paid, so it is watched, not closed.
        await journal.update(attempt.id, 'charge.unsettled', {
          settleBy: settleByFor(attempt.createdAt, settleWindowMs),
          note: status.ok ? 'not paid yet at restart' : 'Scan2pay status unavailable at restart',
          ...(status.ok ? {} : { error: status.error }),
        });
        report.unsettled.push(attempt.id);
      }
    } catch (error) {
      report.failed.push({ id: attempt.id, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  const work = await journal.needingWork();
  const results = await Promise.all(work.map(async (a) => ({ id: a.id, result: await outbox.drive(a.id) })));
  report.driven.push(...results);
  return report;
}
