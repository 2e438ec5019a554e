/**
 * Where the kiosk listens to the browser window: staff mode's triggers (the `#staff` hash, a long press in the
 * top-left corner), the customer's touches and keys on the browsing screens, and the page language. Kiosk.svelte
 * turns these into checkout events or its staff-mode flag; nothing else in the app adds window listeners for
 * the checkout. (The public-device lock-down — blocked keys, no context menu or zoom, the back gesture — is
 * `kiosk-hardening.ts`, installed once by main.ts.)
 */
import type { Suspension } from '../scanner/scanner-actors.ts';

/** A boolean that can be watched: staff mode open or not. `subscribe` calls the listener at once. */
export interface Flag extends Suspension {
  readonly current: boolean;
  set(value: boolean): void;
}

export function createFlag(initial: boolean): Flag {
  let current = initial;
  const listeners = new Set<(value: boolean) => void>();
  return {
    get current() {
      return current;
    },
    set(value) {
      if (value === current) return;
      current = value;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(current);
      return () => void listeners.delete(listener);
    },
  };
}

const staffHash = '#staff';
/** How long a press in the top-left corner opens staff mode (a gesture customers won't find). */
export const staffPressMs = 3_000;
const staffCornerPx = 80;

/** The page was opened (or reloaded) with `#staff`. */
export function isStaffHash(win: Window = window): boolean {
  return win.location.hash === staffHash;
}

/** Staff mode closed: the `#staff` hash goes, without a history entry (the back gesture must not reopen it). */
export function leaveStaffHash(win: Window = window): void {
  if (isStaffHash(win)) win.history.replaceState(null, '', win.location.pathname + win.location.search);
}

/** Calls `onOpen` when the hash becomes `#staff` or after a 3-second press in the top-left corner. */
export function watchStaffGesture(onOpen: () => void, win: Window = window): () => void {
  const onHash = () => {
    if (isStaffHash(win)) onOpen();
  };
  let pressTimer: number | undefined;
  const onDown = (event: PointerEvent) => {
    if (event.clientX < staffCornerPx && event.clientY < staffCornerPx) pressTimer = win.setTimeout(onOpen, staffPressMs);
  };
  const onUp = () => win.clearTimeout(pressTimer);
  win.addEventListener('hashchange', onHash);
  win.addEventListener('pointerdown', onDown);
  win.addEventListener('pointerup', onUp);
  win.addEventListener('pointercancel', onUp);
  return () => {
    win.clearTimeout(pressTimer);
    win.removeEventListener('hashchange', onHash);
    win.removeEventListener('pointerdown', onDown);
    win.removeEventListener('pointerup', onUp);
    win.removeEventListener('pointercancel', onUp);
  };
}

/** Any touch or key anywhere on the page (capture phase: before a screen handles it) calls `onActivity`. */
export function watchActivity(onActivity: () => void, win: Window = window): () => void {
  win.addEventListener('pointerdown', onActivity, true);
  win.addEventListener('keydown', onActivity, true);
  return () => {
    win.removeEventListener('pointerdown', onActivity, true);
    win.removeEventListener('keydown', onActivity, true);
  };
}

/**
 * Runs `run` after the browser has painted the next frame (an animation frame, then a task): work the screen
 * on show does not need — fetching the next screens' chunks, reading the sold-out marks — must not delay the
 * frame in which the kiosk becomes usable (README "Benchmarks", cold start). A page that paints no frames (a
 * hidden tab) gets it after `fallbackMs` anyway. Returns a cancel.
 */
export function afterPaint(run: () => void, win: Window = window, fallbackMs = 1_000): () => void {
  let done = false;
  let timer: number | undefined;
  const once = () => {
    if (done) return;
    done = true;
    cancel();
    run();
  };
  const frame = win.requestAnimationFrame(() => {
    win.clearTimeout(fallback);
    timer = win.setTimeout(once, 0);
  });
  const fallback = win.setTimeout(once, fallbackMs);
  function cancel(): void {
    win.cancelAnimationFrame(frame);
    win.clearTimeout(fallback);
    if (timer !== undefined) win.clearTimeout(timer);
  }
  return () => {
    done = true;
    cancel();
  };
}

/**
 * The offline shell (`public/sw.js`); not in dev, where Vite serves modules that must not be cached. Registered by
 * the running kiosk after the frame that shows it usable: `register()` costs the main thread ~15 ms at 4× CPU,
 * which the cold start does not need to wait for (README "Benchmarks").
 */
export function registerOfflineShell(win: Window = window): () => void {
  if (!('serviceWorker' in win.navigator) || !import.meta.env.PROD) return () => undefined;
  return afterPaint(() => {
    win.navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  }, win);
}
