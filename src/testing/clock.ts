/**
 * Time in unit tests: ONE style, an injected `TestClock`. The code under test takes its time by injection
 * (`now: clock.now` for milliseconds, `now: clock.date` for a Date, `timers: clock` for the OutboxTimers port),
 * and the test moves time by hand: `set` / `skip` move the wall clock only, `advance` also runs the timers that
 * come due, `fireTimeouts` runs the waiting one-shot timers at once (a backoff is checked by the delays the
 * code asked for, `timeouts()`, never by waiting). Nothing in a test waits for real time.
 *
 * A test whose time never moves may pass a constant (`now: () => new Date(2025, 4, 18)`): there is nothing to move.
 *
 * Not converted yet, because the code under test has no time port to inject: the payment machines' XState
 * `after` delays (wallet, pinpad, Scan2pay: `vi.useFakeTimers`), the checkout and shift-close machines (XState's
 * `SimulatedClock`), the Svelte components' own timeouts (screens, staff mode: `vi.useFakeTimers`) and the camera
 * reader's frame-and-timer world (scanner/camera-reader.test.ts). New code takes `now`/`timers` parameters and is
 * tested with a TestClock.
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
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.ms = Math.max(this.ms, timer.at);
      if (timer.repeat) timer.at += Math.max(timer.ms, 1);
      else this.pending.delete(id);
      timer.callback();
    }
    this.ms = end;
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
