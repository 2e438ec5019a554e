import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { gatewaySimulatorPlugin } from './sim/vite-plugin.ts';

// One origin for the kiosk, the gateway simulator (/gateway) and its control page (/__sim):
// `npm start` and the Playwright tests both run this way.
export default defineConfig({
  plugins: [svelte(), gatewaySimulatorPlugin()],
  build: {
    target: 'es2022',
    // Chromium (the only browser a kiosk runs) has modulepreload; the polyfill would only add to the first load.
    modulePreload: { polyfill: false },
    rolldownOptions: {
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
        },
      },
    ],
  },
});
