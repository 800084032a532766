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
import { serveDownload } from './downloads';

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
  const client = hasClient ? sirv(CLIENT_DIST, { single: true, etag: true }) : null;

  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/')) return trpc(req, res);
    if (url.startsWith('/download/')) return serveDownload(db, url.slice('/download/'.length).split('?')[0], req, res);
    if (url.startsWith('/img/')) return serveImage(db, config.imagesDir, url.slice('/img/'.length).split('?')[0], req, res);
    if (client) return client(req, res, () => notFound(res, 'not found'));
    res.writeHead(503, { 'content-type': 'text/plain' }).end('client not built: run `npm run build`\n');
  });
}

function notFound(res: http.ServerResponse, message: string): void {
  res.writeHead(404, { 'content-type': 'text/plain' }).end(message + '\n');
}
