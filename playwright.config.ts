import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './tests/helpers/chromium.ts';

const port = 4174;

export default defineConfig({
  testDir: 'tests/e2e',
  // One simulator serves all tests and keeps state, so tests run one at a time (each resets it).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-US',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs() },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/config.json`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
