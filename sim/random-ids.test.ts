import { describe, expect, it } from 'vitest';
import { createIdSource } from './random-ids.ts';

describe('createIdSource', () => {
  it('gives the same ids for the same seed and different ones for another', () => {
    const a = createIdSource(42);
    const b = createIdSource(42);
    const c = createIdSource(43);
    const first = a.uuid();
    expect(b.uuid()).toBe(first);
    expect(c.uuid()).not.toBe(first);
  });

  it('shapes uuids, hex and digit strings', () => {
    const ids = createIdSource(1);
    for (let i = 0; i < 50; i++) {
      expect(ids.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.hex(24)).toMatch(/^[0-9a-f]{24}$/);
      expect(ids.digits(12)).toMatch(/^\d{12}$/);
    }
  });
});
