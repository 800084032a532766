/**
 * One Node HTTP server: /trpc (the API), /img/<key> (the dataset images) and the built client (with
 * index.html as the fallback for client-side routes).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import type { Config } from './config';
import type { Db } from './db/client';
import { RateLimiter } from './rateLimit';
import { appRouter } from './routers/_app';
import { serveImage } from './services/images';
import { handleDownload } from './files/download';
import { handleAuthor, handleUpload } from './files/upload';

export const CLIENT_DIST = fileURLToPath(new URL('../dist/client', import.meta.url));

/** Payloads above this are refused by tRPC before parsing (an answer is a few hundred bytes). */
const MAX_BODY_BYTES = 256 * 1024;

export function createAppServer(db: Db, config: Pick<Config, 'imagesDir'>): http.Server {
  // New batches per client address per 10 minutes: far above one person, far below a flood.
  const rateLimits = { newBatches: new RateLimiter(30, 10 * 60 * 1000) };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }) => ({ db, config, req, res, rateLimits }),
  });
  const hasClient = fs.existsSync(path.join(CLIENT_DIST, 'index.html'));
  const client = hasClient ? sirv(CLIENT_DIST, STATIC_OPTIONS) : null;

  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/')) return trpc(req, res);
    if (url.startsWith('/img/')) return serveImage(db, config.imagesDir, url.slice('/img/'.length).split('?')[0], req, res);
    // Files of any size, outside tRPC's capped JSON body: uploads to import, downloads of the export.
    if (url === '/files/author') return void handleAuthor(db, config.imagesDir, req, res).catch((err) => fail(res, err));
    if (url.startsWith('/files/import/')) return void handleUpload(db, config.imagesDir, req, res, url.slice('/files/import/'.length).split('?')[0]).catch((err) => fail(res, err));
    if (url.startsWith('/files/')) return void handleDownload(db, req, res, url.slice('/files/'.length).split('?')[0]).catch((err) => fail(res, err));
    if (client) return client(req, res, () => notFound(res, 'not found'));
    res.writeHead(503, { 'content-type': 'text/plain' }).end('client not built: run `npm run build`\n');
  });
}

/**
 * The built client: the pre-compressed .br/.gz copy the browser accepts (written by the build), hashed
 * assets cached for a year (their names change with their content), everything else (index.html, the
 * fallback of every client route) revalidated on each visit so a new release is seen at once.
 */
const STATIC_OPTIONS: Parameters<typeof sirv>[1] = {
  single: true,
  etag: true,
  brotli: true,
  gzip: true,
  setHeaders(res, pathname) {
    res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
};

function fail(res: http.ServerResponse, err: unknown): void {
  process.stderr.write(`file endpoint failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'the server failed; see its log' }));
  else res.destroy();
}

function notFound(res: http.ServerResponse, message: string): void {
  res.writeHead(404, { 'content-type': 'text/plain' }).end(message + '\n');
}
