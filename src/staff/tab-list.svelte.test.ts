import { describe, expect, it } from 'vitest';
import { TabList } from './tab-list.svelte.ts';

describe('TabList', () => {
  it('says nothing was read until the first read answers, then holds its rows', async () => {
    const list = new TabList(async () => ['a', 'b']);
    expect(list.loaded).toBe(false);
    expect(list.items).toEqual([]);
    await list.load();
    expect(list.loaded).toBe(true);
    expect(list.items).toEqual(['a', 'b']);
    expect(list.error).toBeNull();
  });

  it('keeps the rows shown when a read fails, says why, and forgets the failure on the next good read', async () => {
    const answers: (() => Promise<string[]>)[] = [
      async () => ['paid'],
      async () => {
        throw new Error('journal is closed');
      },
      async () => Promise.reject('not an Error'),
      async () => ['paid', 'refunded'],
    ];
    const list = new TabList(() => answers.shift()!());
    await list.load();
    await list.load();
    expect(list.items).toEqual(['paid']);
    expect(list.error).toBe('journal is closed');
    expect(list.loaded).toBe(true);
    await list.load();
    expect(list.error).toBe('not an Error');
    await list.load();
    expect(list.items).toEqual(['paid', 'refunded']);
    expect(list.error).toBeNull();
  });

  it('is loaded even when its very first read fails, so the tab shows the error and not a blank wait', async () => {
    const list = new TabList<string>(async () => {
      throw new Error('no database');
    });
    await list.load();
    expect(list.loaded).toBe(true);
    expect(list.items).toEqual([]);
    expect(list.error).toBe('no database');
  });
});
