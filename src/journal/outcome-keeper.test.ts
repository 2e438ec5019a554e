import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalError, openJournal, type Attempt, type AttemptEvent, type AttemptPatch, type Journal } from './journal.ts';
import { createOutcomeKeeper, keptOutcomesKey, OutcomeNotSavedError, type OutcomeKeeper } from './outcome-keeper.ts';
import { humoPaid, testDraft } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

/** A journal whose next `failures` updates fail as a full disk would. */
function failingJournal(journal: Journal, state: { failures: number }): Pick<Journal, 'update' | 'get'> {
  return {
    get: (id) => journal.get(id),
    update: (id: string, event: AttemptEvent, patch?: AttemptPatch) => {
      if (state.failures > 0) {
        state.failures -= 1;
        return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      }
      return journal.update(id, event, patch);
    },
  };
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

let journal: Journal;
let clock: TestClock;
let storage: MemoryStorage;
let keeper: OutcomeKeeper;
const state = { failures: 0 };
const written: string[] = [];

function makeKeeper(): OutcomeKeeper {
  return createOutcomeKeeper({
    journal: failingJournal(journal, state),
    storage,
    timers: clock,
    waitMs: 3_000,
    onWritten: (attempt: Attempt) => written.push(`${attempt.id}:${attempt.status}`),
  });
}

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  clock = new TestClock();
  storage = new MemoryStorage();
  state.failures = 0;
  written.length = 0;
  keeper = makeKeeper();
  await journal.record(testDraft('p-1', 'humo'));
});

afterEach(() => {
  keeper.stop();
  journal.close();
});

/** Fires the waiting retries (the retry delays 1, 2, 4 … s never equal `waitMs`, 3 s) and lets their writes finish. */
async function fireRetries(): Promise<void> {
  for (const [id, t] of [...clock.pending]) {
    if (t.ms === 3_000) continue;
    clock.pending.delete(id);
    t.callback();
  }
  await new Promise((r) => setTimeout(r, 20));
}

describe('the outcome keeper', () => {
  it('writes straight through when the journal works', async () => {
    const attempt = await keeper.write('p-1', 'charge.paid', { payment: humoPaid });
    expect(attempt.status).toBe('paid');
    expect(storage.items.size).toBe(0);
    expect(clock.pending.size).toBe(0);
  });

  it('keeps the RRN and slip in memory and localStorage when the write fails, and retries until it lands', async () => {
    state.failures = 2;
    const saving = keeper.write('p-1', 'charge.paid', { payment: humoPaid });
    await new Promise((r) => setTimeout(r, 10));
    const stored = storage.getItem(keptOutcomesKey) ?? '';
    expect(stored).toContain('010965270742');
    expect(stored).toContain('ОДОБРЕНО');
    expect(keeper.pending().map((o) => o.id)).toEqual(['p-1']);
    expect((await journal.get('p-1'))?.status).toBe('recorded');

    await fireRetries(); // second failure
    expect(storage.getItem(keptOutcomesKey)).toContain('010965270742');
    await fireRetries(); // lands
    const attempt = await saving;
    expect(attempt.status).toBe('paid');
    expect((await journal.get('p-1'))?.payment).toEqual(humoPaid);
    expect(storage.getItem(keptOutcomesKey)).toBeNull();
    expect(keeper.pending()).toEqual([]);
    expect(written).toEqual(['p-1:paid']);
  });

  it('tells the caller it could not save after waitMs, and goes on retrying (the proof is never dropped)', async () => {
    state.failures = 100;
    const saving = keeper.write('p-1', 'charge.paid', { payment: humoPaid });
    const outcome = saving.then(
      () => 'saved',
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 10));
    // The wait runs out.
    for (const [id, t] of [...clock.pending]) {
      if (t.ms === 3_000) {
        clock.pending.delete(id);
        t.callback();
      }
    }
    expect(await outcome).toBeInstanceOf(OutcomeNotSavedError);
    for (let i = 0; i < 5; i++) await fireRetries();
    expect(storage.getItem(keptOutcomesKey)).toContain('010965270742');
    state.failures = 0;
    await fireRetries();
    expect((await journal.get('p-1'))?.status).toBe('paid');
    expect(written).toEqual(['p-1:paid']);
  });

  it('replays what an earlier run kept, before recovery: as paid, or as found paid if the attempt is unknown', async () => {
    state.failures = 100;
    void keeper.write('p-1', 'charge.paid', { payment: humoPaid }).catch(() => undefined);
    await journal.record(testDraft('p-2', 'humo'));
    void keeper.write('p-2', 'charge.paid', { payment: { ...humoPaid } }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    keeper.stop();
    // The page went away. p-2 was made unknown by a recovery that ran without the kept copy.
    state.failures = 0;
    await journal.update('p-2', 'charge.unknown', { note: 'left recorded at restart' });
    const next = makeKeeper();
    await next.replay();
    expect((await journal.get('p-1'))?.status).toBe('paid');
    const p2 = await journal.get('p-2');
    expect(p2?.status).toBe('paid');
    expect(p2?.history.map((h) => h.event)).toContain('staff.foundPaid');
    expect(storage.getItem(keptOutcomesKey)).toBeNull();
    next.stop();
  });

  it('does not retry what the journal refuses by its rules', async () => {
    await journal.update('p-1', 'charge.declined', { note: 'declined' });
    await expect(keeper.write('p-1', 'charge.paid', { payment: humoPaid })).rejects.toBeInstanceOf(JournalError);
    expect(storage.items.size).toBe(0);
    expect(clock.pending.size).toBe(0);
  });
});
