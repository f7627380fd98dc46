import { defineConfig } from '@playwright/test';

/**
 * The desktop app's end-to-end test (Playwright's Electron driver). Run it with
 * `npm run test:electron-e2e`, which builds the app first and says why when it cannot run here.
 * Its spec is named *.electron.ts so the browser suite (playwright.config.ts) leaves it alone.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.electron.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});
