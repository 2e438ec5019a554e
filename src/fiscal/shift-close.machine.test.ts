import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, type Actor } from 'xstate';
import type { ShiftReport } from '../gateway/fiscal-calls.ts';
import type { CloseOutcome } from './fiscal-shift.ts';
import { createShiftCloseMachine, msUntilNextClose, parseCloseAt, startDailyShiftClose } from './shift-close.machine.ts';
import { TestClock } from '../testing/clock.ts';

const minute = 60_000;
const hour = 60 * minute;
// 2025-05-18 22:00 local; the daily close is at 04:00, six hours later.
const start = new Date(2025, 4, 18, 22, 0, 0).getTime();

const report = { number: 7 } as ShiftReport;

const shiftCloseMachine = createShiftCloseMachine();
let actor: Actor<typeof shiftCloseMachine> | null = null;
afterEach(() => actor?.stop());

function run(closeAnswers: CloseOutcome[] = []) {
  const clock = new TestClock(0);
  const calls: string[] = [];
  const machine = shiftCloseMachine.provide({
    actors: {
      closeShift: fromPromise(async () => {
        calls.push(`close@${new Date(start + clock.now()).toTimeString().slice(0, 5)}`);
        return closeAnswers.shift() ?? { ok: true, kind: 'closed', report };
      }),
      openShift: fromPromise(async () => {
        calls.push('open');
        return true;
      }),
    },
  });
  actor = createActor(machine, { clock, input: { closeAt: '04:00', now: () => start + clock.now() } });
  actor.start();
  const a = actor;
  const advance = async (ms: number) => {
    clock.advance(ms);
    // Let invoked promises settle.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { actor: a, calls, advance };
}

describe('the daily shift close', () => {
  it('reads HH:MM and finds the next close time', () => {
    expect(parseCloseAt('04:00')).toEqual({ hours: 4, minutes: 0 });
    expect(parseCloseAt('24:00')).toBeNull();
    expect(msUntilNextClose('04:00', start)).toBe(6 * hour);
    expect(msUntilNextClose('22:00', start)).toBe(24 * hour);
    expect(msUntilNextClose('22:30', start)).toBe(30 * minute);
  });

  it('closes at shiftCloseAt when the kiosk is on the attract screen, then opens the next shift', async () => {
    const { actor, calls, advance } = run();
    actor.send({ type: 'kiosk.idle' });
    await advance(6 * hour - minute);
    expect(calls).toEqual([]);
    await advance(minute);
    expect(calls).toEqual(['close@04:00', 'open']);
    expect(actor.getSnapshot().value).toBe('waiting');
    // And again the next day, once.
    await advance(24 * hour);
    expect(calls).toEqual(['close@04:00', 'open', 'close@04:00', 'open']);
  });

  it('never closes mid-payment: waits until the kiosk is idle again', async () => {
    const { actor, calls, advance } = run();
    actor.send({ type: 'kiosk.idle' });
    await advance(6 * hour - 2 * minute);
    actor.send({ type: 'kiosk.busy' }); // a customer starts at 03:58 and is paying at 04:00
    await advance(2 * minute);
    expect(actor.getSnapshot().value).toBe('due');
    await advance(20 * minute);
    expect(calls).toEqual([]);
    actor.send({ type: 'kiosk.idle' }); // back on the attract screen at 04:20
    await advance(0);
    expect(calls).toEqual(['close@04:20', 'open']);
  });

  it('an empty shift (36907) is not an error: the next shift is opened and nothing is retried', async () => {
    const { actor, calls, advance } = run([{ ok: true, kind: 'nothing' }]);
    actor.send({ type: 'kiosk.idle' });
    await advance(6 * hour);
    expect(calls).toEqual(['close@04:00', 'open']);
    expect(actor.getSnapshot().context.lastOutcome).toBe('nothing');
    await advance(hour);
    expect(calls).toHaveLength(2);
  });

  it('retries a failed close every 10 minutes while idle, at most 6 times a day', async () => {
    const failed: CloseOutcome = { ok: false, error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } };
    const { actor, calls, advance } = run([failed, failed]);
    actor.send({ type: 'kiosk.idle' });
    await advance(6 * hour);
    expect(calls).toEqual(['close@04:00']);
    await advance(10 * minute);
    expect(calls).toEqual(['close@04:00', 'close@04:10']);
    await advance(10 * minute);
    expect(calls).toEqual(['close@04:00', 'close@04:10', 'close@04:20', 'open']);

    const stuck = run(Array.from({ length: 10 }, () => failed));
    stuck.actor.send({ type: 'kiosk.idle' });
    await stuck.advance(6 * hour);
    for (let i = 0; i < 8; i++) await stuck.advance(10 * minute);
    expect(stuck.calls).toHaveLength(6);
    expect(stuck.actor.getSnapshot().value).toBe('waiting');
    stuck.actor.stop();
  });
});

describe('startDailyShiftClose', () => {
  afterEach(() => vi.useRealTimers());

  it('runs afterClose (the sold-out reset) after a close that went through, never after a failed one', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2025, 4, 18, 3, 59, 0));
    const outcomes: CloseOutcome[] = [
      { ok: false, error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } },
      { ok: true, kind: 'closed', report },
    ];
    const calls: string[] = [];
    const keeper = {
      open: async () => (calls.push('open'), true),
      close: async () => (calls.push('close'), outcomes.shift() ?? { ok: true as const, kind: 'nothing' as const }),
    };
    const daily = startDailyShiftClose(keeper, '04:00', async () => {
      calls.push('afterClose');
    });
    daily.setIdle(true);
    await vi.advanceTimersByTimeAsync(minute);
    expect(calls).toEqual(['close']);
    await vi.advanceTimersByTimeAsync(10 * minute);
    expect(calls).toEqual(['close', 'close', 'afterClose', 'open']);
    daily.stop();
  });
});
