import { describe, expect, it } from 'vitest';
import { checkClock, formatDifference, parseGatewayTime } from './health.ts';

describe('gateway clock check', () => {
  const kiosk = new Date(2024, 5, 11, 17, 39, 54);

  it('reads the gateway local time format', () => {
    expect(parseGatewayTime('2024-06-11 17:39:54')?.getTime()).toBe(kiosk.getTime());
    expect(parseGatewayTime('garbage')).toBeNull();
    expect(parseGatewayTime(null)).toBeNull();
  });

  it('warns above 4 minutes either way, not at 4', () => {
    expect(checkClock('2024-06-11 17:43:54', kiosk)?.warn).toBe(false);
    expect(checkClock('2024-06-11 17:43:55', kiosk)?.warn).toBe(true);
    expect(checkClock('2024-06-11 17:35:00', kiosk)).toMatchObject({ warn: true, differenceMs: -294_000 });
    expect(formatDifference(-294_000)).toEqual({ sign: '−', minutes: 4, seconds: 54 });
  });
});
