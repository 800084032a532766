import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

// Screenshots to look at, not tests: `npm run screens` writes test-results/screens/baseline-*.png
// (results page, a question page, the plots, at 1366×768 and 2560×1440) from the same app set-up as
// the e2e suite. Not part of `npm test`.
const repo = fileURLToPath(new URL('..', import.meta.url));
const server = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer!;
export default defineConfig({ ...base, testDir: '.', testMatch: 'baseline.screens.ts', retries: 0, webServer: { ...server, cwd: repo } });
