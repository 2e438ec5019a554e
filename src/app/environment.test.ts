// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, createFlag, isStaffHash, leaveStaffHash, staffPressMs, watchActivity, watchStaffGesture } from './environment.ts';
import { language } from '../i18n/i18n.svelte.ts';
import { TestClock } from '../testing/clock.ts';

/**
 * The page's window with its timers on a TestClock: events go to jsdom's window, time moves by hand.
 * (`win` is what environment.ts takes for both.)
 */
function windowOn(clock: TestClock, extra: Partial<Window> = {}): Window {
  return {
    location: window.location,
    history: window.history,
    addEventListener: window.addEventListener.bind(window),
    removeEventListener: window.removeEventListener.bind(window),
    setTimeout: (callback: () => void, ms: number) => clock.setTimeout(callback, ms),
    clearTimeout: (handle: unknown) => clock.clearTimeout(handle),
    ...extra,
  } as unknown as Window;
}

function pointer(type: string, x: number, y: number): Event {
  const event = new MouseEvent(type, { clientX: x, clientY: y, bubbles: true });
  return event;
}

afterEach(() => {
  history.replaceState(null, '', '/');
});

describe('environment', () => {
  it('a flag tells its listeners at once and on every change, and forgets them when they leave', () => {
    const flag = createFlag(false);
    const seen: boolean[] = [];
    const stop = flag.subscribe((value) => seen.push(value));
    flag.set(true);
    flag.set(true);
    expect(flag.current).toBe(true);
    stop();
    flag.set(false);
    expect(seen).toEqual([false, true]);
  });

  it('opens staff mode after a 3-second press in the top-left corner only, or on the #staff hash', () => {
    const clock = new TestClock();
    const onOpen = vi.fn();
    const stop = watchStaffGesture(onOpen, windowOn(clock));
    window.dispatchEvent(pointer('pointerdown', 200, 200));
    clock.advance(staffPressMs);
    expect(onOpen).not.toHaveBeenCalled();
    window.dispatchEvent(pointer('pointerdown', 10, 10));
    clock.advance(staffPressMs - 1);
    window.dispatchEvent(pointer('pointerup', 10, 10));
    clock.advance(10);
    expect(onOpen).not.toHaveBeenCalled();
    window.dispatchEvent(pointer('pointerdown', 10, 10));
    clock.advance(staffPressMs);
    expect(onOpen).toHaveBeenCalledTimes(1);

    location.hash = '#staff';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(isStaffHash()).toBe(true);
    leaveStaffHash();
    expect(isStaffHash()).toBe(false);

    stop();
    window.dispatchEvent(pointer('pointerdown', 10, 10));
    clock.advance(staffPressMs);
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('reports touches and keys until stopped, and the page language follows language.set (its one place)', () => {
    const onActivity = vi.fn();
    const stop = watchActivity(onActivity);
    window.dispatchEvent(pointer('pointerdown', 300, 300));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(onActivity).toHaveBeenCalledTimes(2);
    stop();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(onActivity).toHaveBeenCalledTimes(2);
    language.set('ru');
    expect(document.documentElement.lang).toBe('ru');
    language.set('uz');
    expect(document.documentElement.lang).toBe('uz');
  });

  it('afterPaint runs once, after the next frame and a task, never when cancelled first', () => {
    const clock = new TestClock();
    const frames = new Map<number, FrameRequestCallback>();
    let nextFrame = 0;
    const win = windowOn(clock, {
      requestAnimationFrame: (callback: FrameRequestCallback) => (frames.set(++nextFrame, callback), nextFrame),
      cancelAnimationFrame: (id: number) => void frames.delete(id),
    });
    const paint = () => {
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(0);
    };

    const run = vi.fn();
    afterPaint(run, win);
    clock.advance(100);
    expect(run).not.toHaveBeenCalled();
    paint();
    expect(run).not.toHaveBeenCalled();
    clock.advance(0);
    expect(run).toHaveBeenCalledTimes(1);
    paint();
    clock.advance(2_000);
    expect(run).toHaveBeenCalledTimes(1);

    const cancelledBeforeFrame = vi.fn();
    afterPaint(cancelledBeforeFrame, win)();
    const cancelledAfterFrame = vi.fn();
    const cancel = afterPaint(cancelledAfterFrame, win);
    paint();
    cancel();
    clock.advance(2_000);
    expect(cancelledBeforeFrame).not.toHaveBeenCalled();
    expect(cancelledAfterFrame).not.toHaveBeenCalled();

    // A page that paints no frame (a hidden tab) still gets the work, once, after the fallback.
    const hidden = vi.fn();
    afterPaint(hidden, win, 1_000);
    clock.advance(999);
    expect(hidden).not.toHaveBeenCalled();
    clock.advance(1);
    expect(hidden).toHaveBeenCalledTimes(1);
    paint();
    clock.advance(2_000);
    expect(hidden).toHaveBeenCalledTimes(1);
  });
});
