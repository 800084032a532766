/**
 * Screenshots for a person to look at, at laptop (1366×768) and large-monitor (2560×1440) size, from the
 * same app set-up as the e2e suite; not part of `npm test` (they assert nothing about pixels):
 * review, authoring and admin screens (`screens/*.shots.ts`, test-results/screens-run) and the results
 * page, a question page and the plots (`baseline.screens.ts`, test-results/screens/baseline-*.png).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer!;

export default defineConfig({ ...base, testDir: '.', testMatch: ['screens/*.shots.ts', 'baseline.screens.ts'], retries: 0, outputDir: '../test-results/screens-run', webServer: { ...server, cwd: root } });
