// The menu (with the cart, the product tiles and the option plumbing), the method list and the idle question:
// loaded by Kiosk.svelte right after start-up (see lazy-parts.ts), so the first screen — attract — does not
// wait for them and the first-screen budget has room (README "Benchmarks").
export { default as MenuScreen } from '../screens/MenuScreen.svelte';
export { default as ChooseMethodScreen } from '../screens/ChooseMethodScreen.svelte';
export { default as IdlePrompt } from '../screens/IdlePrompt.svelte';
