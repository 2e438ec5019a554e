import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog-types.ts';
import { tiyin } from '../money/money.ts';
import { openKioskDatabaseRequest } from './journal.ts';
import { clearSoldOut, createSoldOutStore, soldOutProductIds, soldOutStore } from './sold-out.ts';

const fiscal = { classCode: '10899001001000000', packageCode: '1', unitName: 'dona', vatPercent: 12, ownerType: 1 as const };
const catalog: Catalog = {
  categories: [{ id: 'hot', name: 'Hot' }, { id: 'food', name: 'Food' }],
  products: [
    { id: 'tea', name: 'Tea', price: tiyin(100), category: 'hot', fiscal },
    { id: 'plov', name: 'Plov', price: tiyin(100), category: 'food', fiscal },
    { id: 'manti', name: 'Manti', price: tiyin(100), category: 'food', fiscal },
  ],
};

describe('sold out', () => {
  it('keeps marks across a reopen, tells listeners, and clears', async () => {
    const factory = new IDBFactory();
    const open = async () => (await wrap(openKioskDatabaseRequest(factory))) as unknown as IDBPDatabase;
    const store = createSoldOutStore(open);
    const seen: string[][] = [];
    store.subscribe((marks) => seen.push(soldOutProductIds(catalog, marks)));
    await store.mark('product', 'tea');
    await store.mark('category', 'food');
    expect(soldOutProductIds(catalog, await createSoldOutStore(open).list()).sort()).toEqual(['manti', 'plov', 'tea']);
    await store.unmark('product', 'tea');
    await store.clear();
    expect(seen).toEqual([['tea'], ['tea', 'plov', 'manti'], ['plov', 'manti'], []]);
  });

  it('clearSoldOut (for the daily shift close) empties the kiosk store', async () => {
    await soldOutStore.mark('product', 'tea');
    expect(await soldOutStore.list()).toHaveLength(1);
    await clearSoldOut();
    expect(await soldOutStore.list()).toEqual([]);
  });
});
