import { describe, expect, it } from 'vitest';
import { statusBackoffMs } from './status-backoff.ts';

describe('statusBackoffMs', () => {
  it('doubles from 2 s after each failure in a row and stays at 16 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(statusBackoffMs)).toEqual([2_000, 4_000, 8_000, 16_000, 16_000, 16_000]);
  });
});
