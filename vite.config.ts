import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The client lives in client/; `npm run build` writes dist/client, which the server serves.
// `npm run dev` proxies the API and images to the server in watch mode (API_PORT, default 3001).
const apiTarget = `http://localhost:${process.env.API_PORT ?? 3001}`;

/**
 * Vendor code in a few stable chunks, so an app change does not make returning visitors download React
 * or Konva again (their file names only change when the libraries do). Konva stays out of the entry: only
 * the pages with a canvas load it.
 */
const VENDOR_GROUPS: { name: string; test: RegExp }[] = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  { name: 'vendor-query', test: /[\\/]node_modules[\\/](@tanstack|@trpc)[\\/]/ },
  { name: 'vendor-konva', test: /[\\/]node_modules[\\/](konva|react-konva|react-reconciler|its-fine)[\\/]/ },
  { name: 'vendor-zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
];

/**
 * The app's one small stylesheet goes inside index.html, so the first paint waits for no other request
 * (the page shell in index.html paints while the scripts load).
 */
function inlineCss(): Plugin {
  return {
    name: 'bopask:inline-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          return asset && asset.type === 'asset' ? `<style>${String(asset.source)}</style>` : tag;
        });
      },
    },
  };
}

export default defineConfig({
  root: 'client',
  publicDir: '../public',
  plugins: [
    react(),
    inlineCss(),
    // Pre-compressed copies beside each asset; the server sends the .br or .gz the browser accepts.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 0, include: /\.(js|css|html|svg|json)$/ }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_GROUPS } } },
  },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    // Keys are regexes anchored on a path segment: '/trpc' alone would also catch the module /trpc.ts.
    proxy: { '^/trpc/': apiTarget, '^/img/': apiTarget, '^/files/': apiTarget },
  },
});
