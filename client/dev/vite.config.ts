import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Client-only dev server for the canvas playground: every path (e.g. /dev/canvas?task=pose) serves it.
export default defineConfig({
  root: path.dirname(new URL(import.meta.url).pathname),
  plugins: [react()],
  server: { port: Number(process.env.CANVAS_PORT ?? 5183), strictPort: process.env.CANVAS_PORT !== undefined, fs: { allow: [path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')] } },
  logLevel: 'warn',
});
