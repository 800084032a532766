import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The whole client without the API proxy, so the canvas spec can run against the app's own
// /dev/canvas route (under its top bar) with no server: CANVAS_APP=1 in e2e/canvas.playwright.config.ts.
const here = path.dirname(new URL(import.meta.url).pathname);
export default defineConfig({
  root: path.resolve(here, '..'),
  publicDir: path.resolve(here, '../../public'),
  plugins: [react()],
  server: { port: Number(process.env.CANVAS_PORT ?? 5186), strictPort: process.env.CANVAS_PORT !== undefined },
  logLevel: 'warn',
});
