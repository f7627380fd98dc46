import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/serve-process.ts';

/** End-to-end tests: Debian's Chromium (Playwright cannot download a browser here) against `netwright serve`. */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  // Several engineers share two cores: one browser at a time keeps timings honest.
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    launchOptions: CHROMIUM,
    viewport: { width: 1440, height: 900 },
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
});
