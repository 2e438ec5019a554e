import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, setup } from 'xstate';
import { TestClock } from './clock.ts';

// A promise actor, then a delay the machine starts only once the promise has settled: what the payment machines do.
const machine = setup({
  actors: { work: fromPromise(async () => 'done') },
  delays: { wait: 1_000 },
}).createMachine({
  initial: 'working',
  states: {
    working: { invoke: { src: 'work', onDone: 'waiting' } },
    waiting: { after: { wait: 'finished' } },
    finished: { type: 'final' },
  },
});

describe('TestClock', () => {
  it('advance runs the timers that come due, in order, and moves the clock', () => {
    const clock = new TestClock(0);
    const ran: string[] = [];
    clock.setTimeout(() => ran.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => ran.push(`a@${clock.now()}`), 10);
    clock.advance(15);
    expect(ran).toEqual(['a@10']);
    clock.advance(5);
    expect(ran).toEqual(['a@10', 'b@20']);
    expect(clock.now()).toBe(20);
  });

  it("is an XState actor's clock: advanceAsync lets a promise actor settle before the delay it leads to", async () => {
    const clock = new TestClock(0);
    const actor = createActor(machine, { clock }).start();
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('waiting');
    await clock.advanceAsync(999);
    expect(actor.getSnapshot().value).toBe('waiting');
    await clock.advanceAsync(1);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('runAllAsync runs everything to the end, timers started on the way included, and refuses an endless interval', async () => {
    const clock = new TestClock(0);
    const actor = createActor(machine, { clock }).start();
    await clock.runAllAsync();
    expect(actor.getSnapshot().status).toBe('done');
    expect(clock.now()).toBe(1_000);
    clock.setInterval(() => undefined, 10);
    await expect(clock.runAllAsync(50)).rejects.toThrow('still timers after 50');
  });
});
