/**
 * Screenshots of the review, authoring and admin screens at laptop (1366×768) and large-monitor
 * (2560×1440) size, for a person to look at: `E2E_PORT=3214 npx playwright test -c e2e/screens.playwright.config.ts`
 * writes test-results/review-screens/*.png. Not part of `npm test` (it asserts nothing about pixels).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer!;

export default defineConfig({ ...base, testDir: '.', testMatch: 'screens/*.shots.ts', outputDir: '../test-results/screens-run', webServer: { ...server, cwd: root } });
