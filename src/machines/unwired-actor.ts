import { fromPromise } from 'xstate';

/**
 * A placeholder for an actor the app wiring gives (app/payment-actors.ts): unwired, it refuses, so a machine
 * built without its actors (a test that gives only some) never records or charges anything by accident.
 */
export function unwiredActor<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`${name} not provided`);
  });
}
