import { describe, expect, it } from 'vitest';
import { RequestLog } from './request-log.ts';

const entry = (call: string, n: number) => ({ at: `t${n}`, call, method: 'POST', path: `/payment/${call}`, body: { n }, answer: 'success' });

describe('RequestLog', () => {
  it('keeps entries in order, filters by call, and copies on read', () => {
    const log = new RequestLog();
    log.add(entry('click', 1));
    log.add(entry('xumo', 2));
    log.add(entry('click', 3));
    expect(log.list('click').map((e) => e.seq)).toEqual([1, 3]);
    const read = log.list();
    read.pop();
    expect(log.size).toBe(3);
  });

  it('is bounded to its capacity, dropping the oldest', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) log.add(entry('info', i));
    expect(log.list().map((e) => e.seq)).toEqual([3, 4, 5]);
    log.clear();
    expect(log.list()).toEqual([]);
    expect(log.add(entry('info', 6)).seq).toBe(6);
  });
});
