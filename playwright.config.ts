import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './tests/helpers/chromium.ts';

// E2E_PORT / E2E_DIST let several test runs live side by side on one machine (each with its own build and
// simulator); CI uses the defaults.
const port = Number(process.env['E2E_PORT'] ?? 4174);
const dist = process.env['E2E_DIST'] ?? 'dist-e2e';

export default defineConfig({
  testDir: 'tests/e2e',
  // One simulator serves all tests and keeps state, so tests run one at a time (each resets it).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: `test-results/${port}`,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-US',
    viewport: { width: 1080, height: 1920 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs() },
    trace: 'retain-on-failure',
    // The offline shell's worker fetches config.json itself, past page.route overrides: tests that need the
    // worker (the offline test) allow it explicitly with test.use({ serviceWorkers: 'allow' }).
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite build --outDir ${dist} --emptyOutDir --logLevel warn && npx vite preview --mode simulator --outDir ${dist} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/config.json`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
  },
});
