import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client lives in client/; `npm run build` writes dist/client, which the server serves.
// `npm run dev` proxies the API and images to the server in watch mode (API_PORT, default 3001).
const apiTarget = `http://localhost:${process.env.API_PORT ?? 3001}`;

export default defineConfig({
  root: 'client',
  publicDir: '../public',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    // Keys are regexes anchored on a path segment: '/trpc' alone would also catch the module /trpc.ts.
    proxy: { '^/trpc/': apiTarget, '^/img/': apiTarget, '^/files/': apiTarget },
  },
});
