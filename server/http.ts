/**
 * One Node HTTP server: /trpc (the API), /img/<key> (the dataset images) and the built client (with
 * index.html as the fallback for client-side routes).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import type { Context } from './context';
import type { Db } from './db/client';
import { appRouter } from './routers/_app';
import { createGuards, type Guards } from './security/guards';
import { setSecurityHeaders } from './security/headers';
import { isSecureRequest } from './security/request';
import { serveImage } from './services/images';
import { handleDownload } from './files/download';
import { handleAuthor, handleUpload } from './files/upload';
import { serveDownload } from './downloads';
import { createFastPath } from './trpcFastPath';

export const CLIENT_DIST = fileURLToPath(new URL('../dist/client', import.meta.url));

/** Payloads above this are refused by tRPC before parsing (an answer is a few hundred bytes). */
const MAX_BODY_BYTES = 256 * 1024;
/**
 * Calls per batched request. The client batches a page's few queries; without a cap one request could
 * carry thousands of calls (of sign-in attempts, say). The client's link uses the same number.
 */
export const MAX_BATCH_ITEMS = 10;
/** Procedures never accepted in a batch: each sign-in attempt is its own request. */
const UNBATCHABLE = new Set(['auth.login']);

export interface AppServerOptions {
  /** false: every tRPC call through the fetch adapter (trpcFastPath.test.ts compares the two). */
  fastPath?: boolean;
}

export function createAppServer(
  db: Db,
  config: Context['config'],
  guards: Guards = createGuards(),
  options: AppServerOptions = {},
): http.Server {
  const trpcOptions = {
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }: { req: http.IncomingMessage; res: http.ServerResponse }): Context => ({ db, config, req, res, guards }),
    onError: ({ error, path: procedure }: { error: TRPCError; path?: string }) => {
      // The client got a plain message (trpc.ts); the detail is for whoever runs the server.
      if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
        const cause = error.cause ?? error;
        process.stderr.write(`[${new Date().toISOString()}] ${procedure ?? '?'}: ${cause.stack ?? cause.message}\n`);
      }
    },
  };
  const trpc = createHTTPHandler(trpcOptions);
  const fast = options.fastPath === false ? () => false : createFastPath(trpcOptions);
  const hasClient = fs.existsSync(path.join(CLIENT_DIST, 'index.html'));
  const client = hasClient ? sirv(CLIENT_DIST, STATIC_OPTIONS) : null;

  return http.createServer((req, res) => {
    setSecurityHeaders(req, res, isSecureRequest(req, config), () => {
      const url = req.url ?? '/';
      if (url.startsWith('/trpc/')) {
        const refusal = batchRefusal(url);
        if (refusal) return refuse(res, refusal);
        if (fast(req, res)) return;
        return trpc(req, res);
      }
      if (url.startsWith('/download/')) return serveDownload(db, url.slice('/download/'.length).split('?')[0], req, res);
      if (url.startsWith('/img/')) return serveImage(db, config.imagesDir, url.slice('/img/'.length).split('?')[0], req, res);
      // Files of any size, outside tRPC's capped JSON body: uploads to import, downloads of the export.
      if (url === '/files/author') return void handleAuthor(db, config.imagesDir, req, res).catch((err) => fail(res, err));
      if (url.startsWith('/files/import/')) return void handleUpload(db, config.imagesDir, req, res, url.slice('/files/import/'.length).split('?')[0]).catch((err) => fail(res, err));
      if (url.startsWith('/files/')) return void handleDownload(db, req, res, url.slice('/files/'.length).split('?')[0]).catch((err) => fail(res, err));
      if (client) return client(req, res, () => notFound(res, 'not found'));
      res.writeHead(503, { 'content-type': 'text/plain' }).end('client not built: run `npm run build`\n');
    });
  });
}

/** Why a /trpc/ request's batch is refused before any procedure runs, or null. */
function batchRefusal(url: string): string | null {
  const [pathname, query = ''] = url.slice('/trpc/'.length).split('?');
  const procedures = pathname.split(',');
  const isBatch = new URLSearchParams(query).has('batch');
  if (procedures.length > MAX_BATCH_ITEMS) return `at most ${MAX_BATCH_ITEMS} calls in one request, got ${procedures.length}`;
  if (!isBatch && procedures.length > 1) return 'several procedures in one request need batch=1';
  const unbatchable = isBatch ? procedures.find((p) => UNBATCHABLE.has(p)) : undefined;
  if (unbatchable) return `${unbatchable} cannot be batched: send it as a request of its own`;
  return null;
}

function refuse(res: http.ServerResponse, message: string): void {
  const body = { error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } } };
  res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(body));
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
