import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { kioskBuildPlugin } from './scripts/kiosk-build-plugin.ts';
import { kioskChunk } from './scripts/kiosk-chunk.ts';
import { gatewaySimulatorPlugin } from './sim/vite-plugin.ts';

const kiosk = kioskChunk();

// One origin for the kiosk, the gateway simulator (/gateway) and its control page (/__sim):
// `npm start`, `npm run dev` and the Playwright tests run this way (`--mode simulator`); a plain build or
// `vite preview` has no simulator. The build plugin adds the CSP meta fallback and stamps sw.js's cache name.
export default defineConfig({
  plugins: [svelte(), gatewaySimulatorPlugin(), kioskBuildPlugin(), kiosk.plugin],
  build: {
    target: 'es2022',
    // Chromium (the only browser a kiosk runs) has modulepreload; the polyfill would only add to the first load.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The kiosk's chunk in one file (scripts/kiosk-chunk.ts): one request after the first screen, not eight.
      output: { codeSplitting: { groups: [kiosk.group] } },
      treeshake: {
        // @zxing declares no sideEffects, so without this the whole library lands in the scanner chunk.
        moduleSideEffects: [{ test: /node_modules[\\/]@zxing[\\/]/, sideEffects: false }],
      },
    },
  },
  // The decode worker lazy-loads its engine (dynamic import), which only ES-module workers can do; its
  // bundle is built separately and needs the same @zxing treeshake rule (452 kB of zxing-js without it).
  worker: {
    format: 'es',
    rolldownOptions: {
      treeshake: { moduleSideEffects: [{ test: /node_modules[\\/]@zxing[\\/]/, sideEffects: false }] },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'sim/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.svelte.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [svelteTesting({ resolveBrowser: false })],
        resolve: { conditions: [...defaultClientConditions] },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['src/**/*.svelte.test.ts'],
          // A component test's first render compiles Svelte and builds jsdom: seconds on a busy 2-core runner,
          // where the 5 s default failed tests that pass alone. Slowness is measured by `npm run bench`, not here.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
