/**
 * The daily fiscal shift close (Z-report) at `fiscal.shiftCloseAt`, local time. It waits for the time, then for
 * the kiosk to be idle on the attract screen (never during a checkout: the close is postponed until nobody is
 * there), closes the shift and opens the next one at once, so the next sale finds it open.
 *
 *   waiting ──at shiftCloseAt──▶ due ──kiosk idle──▶ closing ──▶ opening ──▶ waiting (next day)
 *                                 ▲                     │ failed
 *                                 └──── retryWait ◀─────┘ (every 10 minutes, at most `maxTries` per day)
 */
import { assign, createActor, fromPromise, not, setup } from 'xstate';
import type { CloseOutcome } from './fiscal-shift.ts';
import { unwiredActor } from '../machines/unwired-actor.ts';

export interface ShiftCloseInput {
  /** `HH:MM`, local time. */
  closeAt: string;
  /** The kiosk's clock (ms since the epoch); tests pass a simulated one. */
  now?: () => number;
  retryMs?: number;
  maxTries?: number;
}

export interface ShiftCloseContext {
  closeAt: string;
  now: () => number;
  retryMs: number;
  maxTries: number;
  /** The kiosk is on the attract screen with nobody using it. */
  idle: boolean;
  tries: number;
  lastOutcome: 'closed' | 'nothing' | 'failed' | null;
}

export type ShiftCloseEvent = { type: 'kiosk.idle' } | { type: 'kiosk.busy' };

/** Parses `HH:MM` (00:00–23:59); null otherwise. */
export function parseCloseAt(text: string): { hours: number; minutes: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? { hours: Number(m[1]), minutes: Number(m[2]) } : null;
}

/** Milliseconds from `now` to the next local `closeAt` strictly after it (DST-safe: built from local fields). */
export function msUntilNextClose(closeAt: string, now: number): number {
  const at = parseCloseAt(closeAt) ?? { hours: 4, minutes: 0 };
  const d = new Date(now);
  const next = new Date(d.getFullYear(), d.getMonth(), d.getDate(), at.hours, at.minutes, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return next.getTime() - now;
}

/** Unwired placeholders: startDailyShiftClose gives the real shift keeper's calls. */
const unwiredShiftCloseActors = {
  closeShift: unwiredActor<CloseOutcome, void>('closeShift'),
  openShift: unwiredActor<boolean, void>('openShift'),
};

/** The actors createShiftCloseMachine takes; any left out keep their unwired placeholder. */
export type ShiftCloseActors = typeof unwiredShiftCloseActors;

/** The daily close machine (diagram above); `startDailyShiftClose` builds it with the real shift keeper. */
export function createShiftCloseMachine(actors: Partial<ShiftCloseActors> = {}) {
  return setup({
    types: {
      context: {} as ShiftCloseContext,
      input: {} as ShiftCloseInput,
      events: {} as ShiftCloseEvent,
    },
    actors: { ...unwiredShiftCloseActors, ...actors },
    delays: {
      untilCloseTime: ({ context }) => msUntilNextClose(context.closeAt, context.now()),
      retry: ({ context }) => context.retryMs,
    },
    guards: {
      idle: ({ context }) => context.idle,
      triesLeft: ({ context }) => context.tries < context.maxTries,
      // Reads the close's answer, passed as params from the transition (where `event.output` is typed).
      closed: (_, params: { outcome: CloseOutcome }) => params.outcome.ok,
    },
  }).createMachine({
    id: 'shiftClose',
    context: ({ input }) => ({
      closeAt: input.closeAt,
      now: input.now ?? (() => Date.now()),
      retryMs: input.retryMs ?? 10 * 60_000,
      maxTries: input.maxTries ?? 6,
      idle: false,
      tries: 0,
      lastOutcome: null,
    }),
    on: {
      'kiosk.idle': { actions: assign({ idle: true }) },
      'kiosk.busy': { actions: assign({ idle: false }) },
    },
    initial: 'waiting',
    states: {
      waiting: {
        entry: assign({ tries: 0 }),
        after: { untilCloseTime: 'due' },
      },
      due: {
        // Re-checked whenever an event arrives (kiosk.idle), so the close starts the moment the kiosk is free.
        always: { guard: 'idle', target: 'closing' },
      },
      closing: {
        entry: assign({ tries: ({ context }) => context.tries + 1 }),
        invoke: {
          src: 'closeShift',
          onDone: [
            {
              guard: { type: 'closed', params: ({ event }) => ({ outcome: event.output }) },
              target: 'opening',
              actions: assign({ lastOutcome: ({ event }) => (event.output.ok ? event.output.kind : 'failed') }),
            },
            { target: 'retryWait', actions: assign({ lastOutcome: 'failed' }) },
          ],
          onError: { target: 'retryWait', actions: assign({ lastOutcome: 'failed' }) },
        },
      },
      retryWait: {
        always: { guard: not('triesLeft'), target: 'waiting' },
        after: { retry: 'due' },
      },
      opening: {
        // A failed open is not retried here: the outbox opens the shift when a receipt is refused for it.
        invoke: { src: 'openShift', onDone: 'waiting', onError: 'waiting' },
      },
    },
  });
}

export type ShiftCloseMachine = ReturnType<typeof createShiftCloseMachine>;

/**
 * Runs the daily close for the kiosk with the real shift keeper; `setIdle` is told whether the kiosk is on the
 * attract screen with nobody using it.
 */
export function startDailyShiftClose(
  keeper: { open(reason: string): Promise<boolean>; close(reason: string): Promise<CloseOutcome> },
  closeAt: string,
  /** Runs after a close that went through (or found nothing to close): the new day starts afresh (sold out). */
  afterClose: () => Promise<void> = () => Promise.resolve(),
): { setIdle(idle: boolean): void; stop(): void } {
  const actor = createActor(
    createShiftCloseMachine({
      closeShift: fromPromise(async () => {
        const outcome = await keeper.close(`daily close at ${closeAt}`);
        if (outcome.ok) await afterClose().catch(() => undefined);
        return outcome;
      }),
      openShift: fromPromise(() => keeper.open('after the daily close')),
    }),
    { input: { closeAt } },
  );
  actor.start();
  return {
    setIdle: (idle) => actor.send({ type: idle ? 'kiosk.idle' : 'kiosk.busy' }),
    stop: () => actor.stop(),
  };
}
