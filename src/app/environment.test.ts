// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFlag, isStaffHash, leaveStaffHash, setPageLanguage, staffPressMs, watchActivity, watchStaffGesture } from './environment.ts';

function pointer(type: string, x: number, y: number): Event {
  const event = new MouseEvent(type, { clientX: x, clientY: y, bubbles: true });
  return event;
}

afterEach(() => {
  vi.useRealTimers();
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
    vi.useFakeTimers();
    const onOpen = vi.fn();
    const stop = watchStaffGesture(onOpen);
    window.dispatchEvent(pointer('pointerdown', 200, 200));
    vi.advanceTimersByTime(staffPressMs);
    expect(onOpen).not.toHaveBeenCalled();
    window.dispatchEvent(pointer('pointerdown', 10, 10));
    vi.advanceTimersByTime(staffPressMs - 1);
    window.dispatchEvent(pointer('pointerup', 10, 10));
    vi.advanceTimersByTime(10);
    expect(onOpen).not.toHaveBeenCalled();
    window.dispatchEvent(pointer('pointerdown', 10, 10));
    vi.advanceTimersByTime(staffPressMs);
    expect(onOpen).toHaveBeenCalledTimes(1);

    location.hash = '#staff';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(isStaffHash()).toBe(true);
    leaveStaffHash();
    expect(isStaffHash()).toBe(false);

    stop();
    window.dispatchEvent(pointer('pointerdown', 10, 10));
    vi.advanceTimersByTime(staffPressMs);
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('reports touches and keys until stopped, and sets the page language', () => {
    const onActivity = vi.fn();
    const stop = watchActivity(onActivity);
    window.dispatchEvent(pointer('pointerdown', 300, 300));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(onActivity).toHaveBeenCalledTimes(2);
    stop();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(onActivity).toHaveBeenCalledTimes(2);
    setPageLanguage('uz');
    expect(document.documentElement.lang).toBe('uz');
  });
});
