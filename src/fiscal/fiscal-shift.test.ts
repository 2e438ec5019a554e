import { describe, expect, it } from 'vitest';
import type { FiscalCalls, FiscalInfo, ShiftOpened, ShiftReport } from '../gateway/fiscal-calls.ts';
import type { GatewayError, Result } from '../gateway/types.ts';
import type { FiscalLogEntry } from '../journal/journal.ts';
import { createFiscalHealthMonitor } from './fiscal-health-monitor.ts';
import { defaultFiscalThresholds } from './fiscal-health.ts';
import { createShiftKeeper } from './fiscal-shift.ts';
import { TestClock } from '../testing/clock.ts';

const now = () => new Date(2025, 4, 19, 4, 0, 0);
const rejected = (code: string): { ok: false; error: GatewayError } => ({
  ok: false,
  error: { kind: 'rejected', code, message: '', fieldErrors: null, providerCode: null, raw: '' },
});
const report = { number: 17, totalSaleCount: 3, totalSaleCard: 195000, totalSaleCash: 0, totalRefundCount: 0 } as ShiftReport;

function keeper(openAnswers: Result<ShiftOpened>[], closeAnswers: Result<ShiftReport>[] = []) {
  const log: FiscalLogEntry[] = [];
  const calls: string[] = [];
  const fiscal: Pick<FiscalCalls, 'openShift' | 'closeShift'> = {
    openShift: async (time) => {
      calls.push(`open ${time}`);
      return openAnswers.shift() ?? { ok: true, value: { time, appletVersion: '0300', alreadyOpen: false, raw: '' } };
    },
    closeShift: async (time) => {
      calls.push(`close ${time}`);
      return closeAnswers.shift() ?? { ok: true, value: report };
    },
  };
  return { keeper: createShiftKeeper({ fiscal, log: { logFiscal: async (e) => void log.push(e) }, now }), log, calls };
}

describe('the shift keeper', () => {
  it('opens with the local time and journals it; two callers at once share one call', async () => {
    const { keeper: k, log, calls } = keeper([]);
    const [a, b] = await Promise.all([k.open('kiosk start'), k.open('a receipt was refused')]);
    expect([a, b]).toEqual([true, true]);
    expect(calls).toEqual(['open 2025-05-19 04:00:00']);
    expect(log).toMatchObject([{ action: 'shift.open', outcome: 'ok', note: 'kiosk start' }]);
  });

  it('takes "already open" as open, and journals a failure', async () => {
    const already: Result<ShiftOpened> = { ok: true, value: { time: null, appletVersion: null, alreadyOpen: true, raw: '' } };
    const { keeper: k, log } = keeper([already, rejected('65279')]);
    expect(await k.open('start')).toBe(true);
    expect(await k.open('again')).toBe(false);
    expect(log).toMatchObject([
      { action: 'shift.open', outcome: 'skipped' },
      { action: 'shift.open', outcome: 'failed', code: '65279' },
    ]);
  });

  it('closes with the totals in the journal; an empty (36907) or closed (9326, 36909) shift is nothing to do', async () => {
    const { keeper: k, log } = keeper([], [{ ok: true, value: report }, rejected('36907'), rejected('9326'), rejected('36909'), rejected('101')]);
    expect(await k.close('daily')).toEqual({ ok: true, kind: 'closed', report });
    expect(log[0]?.note).toContain('sales 3 for 195000');
    expect(await k.close('daily')).toEqual({ ok: true, kind: 'nothing' });
    expect(await k.close('daily')).toEqual({ ok: true, kind: 'nothing' });
    expect(await k.close('daily')).toEqual({ ok: true, kind: 'nothing' });
    expect(await k.close('daily')).toMatchObject({ ok: false, error: { code: '101' } });
    expect(log.map((e) => e.outcome)).toEqual(['ok', 'skipped', 'skipped', 'skipped', 'failed']);
  });
});

describe('the health monitor', () => {
  function monitor(answers: Result<FiscalInfo>[], clock: TestClock) {
    let reads = 0;
    let idle = true;
    const m = createFiscalHealthMonitor({
      fiscal: {
        info: async () => {
          reads += 1;
          return answers.shift() ?? rejected('65279');
        },
      },
      thresholds: defaultFiscalThresholds,
      maxAgeMs: 3 * 60_000,
      intervalMs: 5 * 60_000,
      isIdle: () => idle,
      now: clock.date,
      timers: clock,
    });
    return { m, reads: () => reads, setIdle: (v: boolean) => (idle = v) };
  }

  const ok = (): Result<FiscalInfo> => ({ ok: true, value: { receiptCount: 0, receiptMaxCount: 858 } as FiscalInfo });

  it('reads at start, every interval only while idle, and before payment only when the reading is stale', async () => {
    const clock = new TestClock(Date.UTC(2025, 4, 19));
    const { m, reads, setIdle } = monitor([ok(), ok(), ok()], clock);
    m.start();
    await m.ensureFresh();
    expect(reads()).toBe(1);
    setIdle(false);
    clock.advance(5 * 60_000);
    expect(reads()).toBe(1);
    setIdle(true);
    clock.advance(5 * 60_000);
    await Promise.resolve();
    expect(reads()).toBe(2);
    clock.skip(2 * 60_000);
    await m.ensureFresh();
    expect(reads()).toBe(2);
    clock.skip(2 * 60_000);
    expect((await m.ensureFresh()).canSell).toBe(true);
    expect(reads()).toBe(3);
    m.stop();
  });

  it('stops sales on a blocking answer and re-reads every time until it is good again', async () => {
    const clock = new TestClock(Date.UTC(2025, 4, 19));
    const { m, reads } = monitor([rejected('65279'), rejected('65279'), ok()], clock);
    const seen: boolean[] = [];
    m.subscribe((h) => seen.push(h?.canSell ?? true));
    expect((await m.refresh()).canSell).toBe(false);
    expect((await m.ensureFresh()).canSell).toBe(false);
    expect((await m.ensureFresh()).canSell).toBe(true);
    expect(reads()).toBe(3);
    expect(seen).toEqual([false, false, true]);
    m.noteReceiptRefusal('36886');
    expect(m.current()).toMatchObject({ canSell: false, blocks: ['receiptMemoryFull'] });
    m.noteReceiptRefusal('101');
    expect(m.current()?.canSell).toBe(false);
  });
});
