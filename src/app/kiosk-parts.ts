/** Everything after the first paint, in one chunk the attract screen loads (lazy-parts.ts `loadKioskParts`). */
export { boot } from './boot.ts';
export { default as Kiosk } from './Kiosk.svelte';
export { default as ConfigErrorScreen } from '../screens/ConfigErrorScreen.svelte';
export { default as AlreadyOpenScreen } from '../screens/AlreadyOpenScreen.svelte';
