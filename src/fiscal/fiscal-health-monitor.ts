/**
 * Keeps a recent reading of the fiscal module's health (fiscal-health.ts): at start, every few minutes while the
 * kiosk is idle, and before payment is offered when the last reading is older than a few minutes. The kiosk
 * offers payment only while `current()?.canSell` is not false.
 */
import type { FiscalCalls } from '../gateway/fiscal-calls.ts';
import { assessFiscalHealth, healthAfterReceiptRefusal, type FiscalHealth, type FiscalThresholds } from './fiscal-health.ts';

export interface FiscalHealthMonitorOptions {
  fiscal: Pick<FiscalCalls, 'info'>;
  thresholds: FiscalThresholds;
  /** A reading older than this is refreshed before payment is offered. */
  maxAgeMs: number;
  /** How often to read while idle. */
  intervalMs: number;
  /** True while nobody is using the kiosk (the attract screen). */
  isIdle: () => boolean;
  now?: () => Date;
  timers?: { setInterval(cb: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
}

export interface FiscalHealthMonitor {
  current(): FiscalHealth | null;
  /** Reads `/info/` now (joins a reading in the air). */
  refresh(): Promise<FiscalHealth>;
  /** The current reading if fresh enough, else a new one. */
  ensureFresh(): Promise<FiscalHealth>;
  /** A receipt refused with a blocking code (65279, 36886…): sales stop until a reading says otherwise. */
  noteReceiptRefusal(code: string): void;
  subscribe(listener: (health: FiscalHealth | null) => void): () => void;
  start(): void;
  stop(): void;
}

export function createFiscalHealthMonitor(options: FiscalHealthMonitorOptions): FiscalHealthMonitor {
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? {
    setInterval: (cb: () => void, ms: number) => globalThis.setInterval(cb, ms),
    clearInterval: (handle: unknown) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
  };
  let health: FiscalHealth | null = null;
  let reading: Promise<FiscalHealth> | null = null;
  let interval: unknown = null;
  const listeners = new Set<(health: FiscalHealth | null) => void>();

  function set(next: FiscalHealth): void {
    health = next;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch {
        // A listener's failure must not stop the readings.
      }
    }
  }

  function refresh(): Promise<FiscalHealth> {
    reading ??= options.fiscal
      .info()
      .then((result) => {
        const next = assessFiscalHealth(result, now(), options.thresholds);
        set(next);
        return next;
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  }

  return {
    current: () => health,
    refresh,
    ensureFresh() {
      if (health && now().getTime() - health.at < options.maxAgeMs && health.canSell) return Promise.resolve(health);
      return refresh();
    },
    noteReceiptRefusal(code) {
      const next = healthAfterReceiptRefusal(health, code, now());
      if (next) set(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (interval !== null) return;
      void refresh().catch(() => undefined);
      interval = timers.setInterval(() => {
        if (options.isIdle()) void refresh().catch(() => undefined);
      }, options.intervalMs);
    },
    stop() {
      if (interval !== null) timers.clearInterval(interval);
      interval = null;
    },
  };
}
