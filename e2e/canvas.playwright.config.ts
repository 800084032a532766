import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './fixtures/browser';
import { portFromEnv } from './fixtures/freePort';

// Client-only run of the canvas spec against the stand-alone playground harness (no server, no DB):
//   npx playwright test -c e2e/canvas.playwright.config.ts
// The main playwright.config.ts runs the same spec against the app's /dev/canvas route.
// CANVAS_APP=1 serves the whole client instead (the app's own /dev/canvas route, under its top bar).
// CANVAS_PORT when set, else a free port.
const PORT = portFromEnv('CANVAS_PORT');
const isApp = process.env.CANVAS_APP === '1';

export default defineConfig({
  testDir: '.',
  testMatch: 'canvas.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: 'list',
  outputDir: '../test-results/canvas',
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1366, height: 768 },
  },
  webServer: {
    command: `npx vite --config client/dev/${isApp ? "app." : ""}vite.config.ts`,
    cwd: '..',
    url: `http://localhost:${PORT}/dev/canvas`,
    timeout: 120_000,
    reuseExistingServer: true,
    env: { CANVAS_PORT: String(PORT) },
  },
});
