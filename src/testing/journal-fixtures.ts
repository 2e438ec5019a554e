/** Helpers shared by the journal, outbox, recovery and checkout tests (not used by the app). */
import type { ReceiptLine } from '../gateway/types.ts';
import type { PaidWith } from '../machines/payment-outcome.ts';
import { tiyin } from '../money/money.ts';
import type { AttemptDraft } from '../journal/journal.ts';
import type { OutboxTimers } from '../journal/outbox.ts';

export const teaLine: ReceiptLine = {
  name: 'Choy',
  amount: 2000,
  unitName: 'dona',
  productPrice: tiyin(500_000),
  price: tiyin(1_000_000),
  vat: tiyin(107_143),
  vatPercent: 12,
  classCode: '02202001001000000',
  packageCode: '1500234',
  ownerType: 1,
};

export function testDraft(id: string, method: AttemptDraft['method'], detail: string | null = null): AttemptDraft {
  return { id, method, amount: tiyin(1_000_000), total: tiyin(1_000_000), lines: [teaLine], detail, orderNumber: '12' };
}

export const clickPaid: PaidWith = {
  method: 'wallet',
  payment: { provider: 'click', paymentId: '000123', transactionId: 'T-9', phone: '998901234567', maskedCard: null, raw: '{}' },
};
export const humoPaid: PaidWith = {
  method: 'pinpad',
  result: { provider: 'humo', slip: 'ОДОБРЕНО', rrn: '010965270742', raw: '{}' },
};

/** Timers that only fire when the test says so: backoff is checked by the delays asked for, never by waiting. */
export class ManualTimers implements OutboxTimers {
  private nextId = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number; repeat: boolean }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { callback, ms, repeat: false });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  setInterval(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { callback, ms, repeat: true });
    return id;
  }

  clearInterval(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays of the one-shot timers waiting now. */
  timeouts(): number[] {
    return [...this.pending.values()].filter((t) => !t.repeat).map((t) => t.ms);
  }

  /** Fires every one-shot timer waiting now. */
  fireTimeouts(): void {
    for (const [id, t] of [...this.pending]) {
      if (t.repeat) continue;
      this.pending.delete(id);
      t.callback();
    }
  }
}
