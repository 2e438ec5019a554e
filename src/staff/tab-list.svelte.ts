import { onMount } from 'svelte';

/**
 * The rows a staff tab shows, read from the journal (or the gateway) on demand. A read that fails keeps the
 * rows already shown and says why, so a passing hiccup does not blank the tab staff are working in.
 */
export class TabList<T> {
  items = $state<T[]>([]);
  /** False until the first read has answered, so "nothing today" is not said before anything was read. */
  loaded = $state(false);
  error = $state<string | null>(null);
  readonly #read: () => Promise<T[]>;

  constructor(read: () => Promise<T[]>) {
    this.#read = read;
  }

  async load(): Promise<void> {
    try {
      this.items = await this.#read();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.loaded = true;
  }
}

/**
 * A tab's list, read once when the tab opens (and again by its Refresh button): an $effect would re-run on the
 * state the read itself writes, and loop against the gateway and the journal. Call it while the tab initialises.
 */
export function listReadOnOpen<T>(read: () => Promise<T[]>): TabList<T> {
  const list = new TabList(read);
  onMount(() => {
    void list.load();
  });
  return list;
}
