import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/fixtures/browser';
import { portFromEnv } from './e2e/fixtures/freePort';

// The e2e suite runs the real server (built client, real SQLite file) on a new temporary database,
// one folder per run (E2E_DATA_DIR is inherited by the workers, so they all see the same one), on
// E2E_PORT when set, else on a free port (kept in E2E_PORT for the workers in the same way).
const PORT = portFromEnv('E2E_PORT');
// The canvas spec runs against the playground's development server: the production build that the
// app server serves has no /dev/canvas page (contributors see only their page).
const CANVAS_PORT = portFromEnv('E2E_CANVAS_PORT');
const dataDir = path.join(os.tmpdir(), `bopask-e2e-${process.pid}`);
process.env.E2E_DATA_DIR ??= dataDir;
const e2eData = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on CI only: these shared 2-core machines stall now and then; a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'app', testIgnore: /canvas\.spec\.ts$/ },
    { name: 'canvas', testMatch: /canvas\.spec\.ts$/, use: { baseURL: `http://localhost:${CANVAS_PORT}` } },
  ],
  webServer: [{
    command: 'node --import tsx server/index.ts',
    url: `http://localhost:${PORT}/trpc/items.stats`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATABASE_PATH: path.join(e2eData, 'bopask.sqlite'),
      IMAGES_DIR: path.join(e2eData, 'images'),
      DEMO: 'on',
    },
  }, {
    command: 'npx vite --config client/dev/vite.config.ts',
    url: `http://localhost:${CANVAS_PORT}/dev/canvas`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { CANVAS_PORT: String(CANVAS_PORT) },
  }],
});
