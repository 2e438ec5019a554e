/**
 * Staff's sold-out marks (products and whole categories), kept in IndexedDB so they survive a restart, and
 * cleared at the daily shift close (`clearSoldOut`, for issue-13's close) or by hand in staff mode.
 * Every change is told to the listeners: the checkout then refuses the product and flags it in a cart.
 */
import { wrap, type IDBPDatabase } from 'idb';
import type { Catalog } from '../catalog/catalog-types.ts';
import { openKioskDatabaseRequest } from './journal.ts';

export interface SoldOutMark {
  /** `product:<id>` or `category:<id>`. */
  key: string;
  kind: 'product' | 'category';
  id: string;
  at: string;
}

export interface SoldOutStore {
  list(): Promise<SoldOutMark[]>;
  mark(kind: SoldOutMark['kind'], id: string): Promise<void>;
  unmark(kind: SoldOutMark['kind'], id: string): Promise<void>;
  /** Everything back on sale. */
  clear(): Promise<void>;
  /** Called with the marks after every change; returns the unsubscribe. */
  subscribe(listener: (marks: SoldOutMark[]) => void): () => void;
}

/** The product ids that cannot be ordered: marked ones and every product of a marked category. */
export function soldOutProductIds(catalog: Catalog, marks: readonly SoldOutMark[]): string[] {
  const products = new Set(marks.filter((m) => m.kind === 'product').map((m) => m.id));
  const categories = new Set(marks.filter((m) => m.kind === 'category').map((m) => m.id));
  return catalog.products.filter((p) => products.has(p.id) || categories.has(p.category)).map((p) => p.id);
}

export function createSoldOutStore(open: () => Promise<IDBPDatabase>, now: () => Date = () => new Date()): SoldOutStore {
  let db: Promise<IDBPDatabase> | null = null;
  const listeners = new Set<(marks: SoldOutMark[]) => void>();
  const database = () => (db ??= open().catch((error: unknown) => {
    db = null;
    throw error;
  }));

  async function list(): Promise<SoldOutMark[]> {
    return (await (await database()).getAll('soldOut')) as SoldOutMark[];
  }

  async function changed(): Promise<void> {
    const marks = await list();
    listeners.forEach((listener) => listener(marks));
  }

  return {
    list,
    async mark(kind, id) {
      const mark: SoldOutMark = { key: `${kind}:${id}`, kind, id, at: now().toISOString() };
      await (await database()).put('soldOut', mark);
      await changed();
    },
    async unmark(kind, id) {
      await (await database()).delete('soldOut', `${kind}:${id}`);
      await changed();
    },
    async clear() {
      await (await database()).clear('soldOut');
      await changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The kiosk's own store (the page's IndexedDB). */
export const soldOutStore: SoldOutStore = createSoldOutStore(
  async () => (await wrap(openKioskDatabaseRequest(globalThis.indexedDB))) as unknown as IDBPDatabase,
);

/**
 * Puts everything back on sale: for the daily shift close (issue-13 calls it after the Z-report) and the staff
 * tab's "reset". Resolves once the change is durable and the menu was told.
 */
export function clearSoldOut(): Promise<void> {
  return soldOutStore.clear();
}
