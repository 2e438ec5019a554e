/**
 * Time in unit tests: ONE style, an injected `TestClock`. The code under test takes its time by injection
 * (`now: clock.now` for milliseconds, `now: clock.date` for a Date, `timers: clock` for the OutboxTimers port),
 * and the test moves time by hand: `set` / `skip` move the wall clock only, `advance` also runs the timers that
 * come due, `fireTimeouts` runs the waiting one-shot timers at once (a backoff is checked by the delays the
 * code asked for, `timeouts()`, never by waiting). Nothing in a test waits for real time.
 *
 * A test whose time never moves may pass a constant (`now: () => new Date(2025, 4, 18)`): there is nothing to move.
 *
 * The machines run on it too: `createActor(machine, { clock })` puts XState's delays on this clock, and
 * `advanceAsync` / `runAllAsync` let the promise actors settle between timers (payment, checkout and shift-close
 * machine tests); environment.ts takes the window's timers with the window (`win.setTimeout`). Left on
 * `vi.useFakeTimers`, because the code has no time port to inject: three tests of Svelte components' own timeouts
 * (screens, staff mode). The camera reader's frame-and-timer world (scanner/camera-reader.test.ts) has its own
 * fake. New code takes `now`/`timers` parameters and is tested with a TestClock.
 */
import type { OutboxTimers } from '../journal/outbox.ts';

export type Instant = string | number | Date;

interface PendingTimer {
  callback: () => void;
  /** The delay asked for. */
  ms: number;
  /** When it comes due on this clock. */
  at: number;
  repeat: boolean;
}

/** Lets every promise that can settle now do so (a macrotask runs after the whole microtask queue). */
function settlePromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class TestClock implements OutboxTimers {
  private ms: number;
  private nextId = 1;
  /** Timers waiting now, by handle. */
  readonly pending = new Map<number, PendingTimer>();

  constructor(start: Instant = '2025-03-07T09:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  /** The time in milliseconds, like `Date.now` (bound: pass `clock.now` itself). */
  readonly now = (): number => this.ms;

  /** The time as a Date (bound: pass `clock.date` where the code wants `() => Date`). */
  readonly date = (): Date => new Date(this.ms);

  /** Jumps to a time; no timer runs. */
  set(when: Instant): void {
    this.ms = new Date(when).getTime();
  }

  /** Moves the wall clock forward without running any timer (the test runs them itself, `fireTimeouts`). */
  skip(ms: number): void {
    this.ms += ms;
  }

  /** Moves time forward and runs, in due order, every timer that comes due (an interval as often as it does). */
  advance(ms: number): void {
    const end = this.ms + ms;
    for (let run = this.takeDue(end); run; run = this.takeDue(end)) run();
    this.ms = end;
  }

  /**
   * `advance` for code whose timers and promises interleave (an XState actor given this clock, `createActor(m,
   * { clock })`: a promise actor settles, the machine starts a delay): the promises settle before each timer that
   * comes due and after the last. `advanceAsync(0)` only lets the promises settle.
   */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.ms + ms;
    await settlePromises();
    for (let run = this.takeDue(end); run; run = this.takeDue(end)) {
      run();
      await settlePromises();
    }
    this.ms = end;
  }

  /**
   * Runs every timer in due order, moving the clock to each, with promises settling between, until none is left
   * (timers the run starts included). Refuses past `maxTimers`: an interval would never end.
   */
  async runAllAsync(maxTimers = 10_000): Promise<void> {
    await settlePromises();
    for (let count = 0; this.pending.size > 0; count++) {
      if (count >= maxTimers) throw new Error(`TestClock.runAllAsync: still timers after ${maxTimers}`);
      this.takeDue(Infinity)?.();
      await settlePromises();
    }
  }

  /** The next timer due by `end`, taken off the list with the clock moved to it, as a function that runs it. */
  private takeDue(end: number): (() => void) | null {
    const due = [...this.pending].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
    if (!due) return null;
    const [id, timer] = due;
    this.ms = Math.max(this.ms, timer.at);
    if (timer.repeat) timer.at += Math.max(timer.ms, 1);
    else this.pending.delete(id);
    return timer.callback;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    return this.add(callback, ms, false);
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  setInterval(callback: () => void, ms: number): unknown {
    return this.add(callback, ms, true);
  }

  clearInterval(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays of the one-shot timers waiting now. */
  timeouts(): number[] {
    return [...this.pending.values()].filter((t) => !t.repeat).map((t) => t.ms);
  }

  /** Runs every one-shot timer waiting now, without moving the clock. */
  fireTimeouts(): void {
    for (const [id, t] of [...this.pending]) {
      if (t.repeat) continue;
      this.pending.delete(id);
      t.callback();
    }
  }

  private add(callback: () => void, ms: number, repeat: boolean): number {
    const id = this.nextId++;
    this.pending.set(id, { callback, ms, at: this.ms + ms, repeat });
    return id;
  }
}
