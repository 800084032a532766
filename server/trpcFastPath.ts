/**
 * The contributors' answers (`annotate.submit`, `.verify`, `.skip`) reach their tRPC procedure
 * directly from node:http, without the fetch adapter in between. That adapter turns every request
 * into a WHATWG `Request` with abort signals and a web stream for the body, and the reply into a
 * `Response`; for a submit of a few hundred bytes that was more CPU than the answer's own work (its
 * scoring, the transaction), and a submit is what every contributor sends for every item.
 *
 * The procedure is the same object the adapter calls, with the same context, so its input and output
 * validation, middlewares and errors are unchanged; this file only replaces the envelope, with tRPC's
 * own functions for the error shape and the status. It takes only the plain case — one POST call,
 * `?batch=1` or no query, a JSON body, no streaming — and leaves anything else to the adapter.
 * `trpcFastPath.test.ts` sends the same requests, good and bad, through both and compares the replies.
 */
import type http from 'node:http';
import { TRPCError, type AnyTRPCProcedure } from '@trpc/server';
import { getErrorShape, getHTTPStatusCode, getTRPCErrorFromUnknown, transformTRPCResponse } from '@trpc/server/unstable-core-do-not-import';
import type { Context } from './context';
import type { AppRouter } from './routers/_app';

/** The procedures taken here: small mutations sent for every item of every batch. */
export const FAST_PROCEDURES: ReadonlySet<string> = new Set(['annotate.submit', 'annotate.verify', 'annotate.skip']);

type OnError = (opts: { error: TRPCError; path: string }) => void;

interface FastPathOptions {
  router: AppRouter;
  basePath: string;
  maxBodySize: number;
  createContext: (opts: { req: http.IncomingMessage; res: http.ServerResponse }) => Context;
  onError: OnError;
}

/** What the adapter would parse as JSON: the media type, case-insensitive, before any parameter. */
function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';', 1)[0].trim().toLowerCase() === 'application/json';
}

/**
 * Returns a handler that answers the request and returns true when it is one of FAST_PROCEDURES in
 * the plain case, or returns false and leaves the request untouched.
 */
export function createFastPath(opts: FastPathOptions): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  // Flat at run time, keyed by the dotted path (tRPC's own lookup reads it so).
  const procedures = opts.router._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>;
  for (const path of FAST_PROCEDURES) {
    if (procedures[path]?._def.type !== 'mutation') throw new Error(`trpcFastPath: ${path} is not a mutation of the router`);
  }
  return (req, res) => {
    if (req.method !== 'POST' || !isJson(req.headers['content-type'])) return false;
    // Streaming replies (httpBatchStreamLink, SSE) are the adapter's.
    if (req.headers['trpc-accept'] !== undefined || req.headers.accept === 'application/jsonl') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = url.slice(opts.basePath.length, q < 0 ? undefined : q);
    const query = q < 0 ? '' : url.slice(q + 1);
    if (query !== '' && query !== 'batch=1') return false;
    if (!FAST_PROCEDURES.has(path)) return false;
    answer(opts, procedures[path]!, path, query === 'batch=1', req, res).catch((err: unknown) => {
      // Only a bug in the reply itself gets here (the procedure's errors are replies): as the adapter's
      // own exception handler, log it and answer 500 rather than leave the request hanging.
      opts.onError({ error: getTRPCErrorFromUnknown(err), path });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'the server failed to reply', code: -32603 } }));
    });
    return true;
  };
}

/** The body, or PAYLOAD_TOO_LARGE past `max` bytes (as the adapter's body stream errors). */
function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
        return;
      }
      chunks.push(chunk);
    };
    let isEnded = false;
    req.on('data', onData);
    req.once('end', () => {
      isEnded = true;
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    req.once('error', reject);
    // A client gone before the end: no 'end' comes. Every request closes, so the error (and its stack
    // trace, the costly part) is made only when it is one.
    req.once('close', () => {
      if (!isEnded) reject(new TRPCError({ code: 'CLIENT_CLOSED_REQUEST' }));
    });
  });
}

async function answer(
  opts: FastPathOptions,
  procedure: AnyTRPCProcedure,
  path: string,
  isBatch: boolean,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const config = opts.router._def._config;
  let input: unknown;
  // Read from the start, as the adapter does, so a client gone early settles it; awaited only when the
  // procedure asks for its input (a rejection before then is handled there, or never matters).
  const body = readBody(req, opts.maxBodySize);
  body.catch(() => {});
  // As the adapter's input reader: a body that does not parse is BAD_REQUEST with the parser's message.
  const getRawInput = async (): Promise<unknown> => {
    try {
      const parsed: unknown = JSON.parse(await body);
      if (!isBatch) return (input = parsed);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
      }
      return (input = (parsed as Record<string, unknown>)['0']);
    } catch (cause) {
      if (cause instanceof TRPCError) throw cause;
      throw new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
    }
  };
  let ctx: Context | undefined;
  let reply: { result: { data: unknown } } | { error: ReturnType<typeof getErrorShape> };
  try {
    ctx = opts.createContext({ req, res });
    const data: unknown = await procedure({ path, getRawInput, ctx, type: 'mutation', signal: undefined, batchIndex: 0 });
    reply = { result: { data } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    opts.onError({ error, path });
    reply = { error: getErrorShape({ config, ctx, error, input, path, type: 'mutation' }) };
  }
  const text = JSON.stringify(transformTRPCResponse(config, isBatch ? [reply] : reply));
  res.statusCode = getHTTPStatusCode(reply);
  res.setHeader('vary', 'trpc-accept, accept');
  res.setHeader('content-type', 'application/json');
  res.end(text);
}
