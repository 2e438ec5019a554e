/**
 * main.ts's first import, so it runs before the first screen's own code (the Svelte runtime, the messages, the
 * attract screen) is evaluated: the config request and the kiosk's chunk (boot, machines, valibot, idb) are on
 * the network while that code runs and the attract screen is drawn.
 */
import { loadKioskParts } from './lazy-parts.ts';
import { prefetchConfig } from './first-screen-config.ts';

export const configUrl = './config.json';
export const configPrefetch = prefetchConfig(configUrl);
// App.svelte asks again (the same promise, or a new try after a failed load); this one only starts it early.
loadKioskParts().catch(() => undefined);
