import { createActor, type Actor, type AnyActorLogic, type AnyActorRef, type SnapshotFrom } from 'xstate';

/**
 * A runes adapter over XState's createActor: the snapshot is `$state.raw` (XState snapshots are immutable, so
 * deep proxies would only cost), the actor starts with the component and stops with it.
 * Call during component initialisation.
 */
export function useActor<TLogic extends AnyActorLogic>(
  logic: TLogic,
  options?: Parameters<typeof createActor<TLogic>>[1],
): { actor: Actor<TLogic>; readonly snapshot: SnapshotFrom<TLogic> } {
  const actor = createActor(logic, options);
  let snapshot = $state.raw(actor.getSnapshot() as SnapshotFrom<TLogic>);
  $effect(() => {
    const subscription = actor.subscribe((next) => {
      snapshot = next as SnapshotFrom<TLogic>;
    });
    actor.start();
    snapshot = actor.getSnapshot() as SnapshotFrom<TLogic>;
    return () => {
      subscription.unsubscribe();
      actor.stop();
    };
  });
  return {
    actor,
    get snapshot() {
      return snapshot;
    },
  };
}

/**
 * Follows a child actor (e.g. the payment machine the checkout invokes): its snapshot changes do not always
 * change the parent's, so the view subscribes to it directly while it exists.
 */
export function useChildSnapshot<TRef extends AnyActorRef>(
  getChild: () => TRef | undefined,
): { readonly current: SnapshotFrom<TRef> | null } {
  let current = $state.raw<SnapshotFrom<TRef> | null>(null);
  $effect(() => {
    const child = getChild();
    if (!child) {
      current = null;
      return;
    }
    current = child.getSnapshot() as SnapshotFrom<TRef>;
    const subscription = child.subscribe((next: unknown) => {
      current = next as SnapshotFrom<TRef>;
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      return current;
    },
  };
}
