import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { unwiredActor } from './unwired-actor.ts';

describe('unwiredActor', () => {
  it('refuses with the name of the actor that was not given', async () => {
    const actor = createActor(unwiredActor<void, { attemptId: string }>('recordCharge'), { input: { attemptId: 'a1' } });
    const done = toPromise(actor);
    actor.start();
    await expect(done).rejects.toThrow('recordCharge not provided');
  });
});
