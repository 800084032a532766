/**
 * GET /files/export.jsonl and /files/history.jsonl (curators): the curated dataset and its label
 * history, streamed with backpressure, the same lines `bopask export` writes.
 * Query: `reviewed-only=1`, `practice=1`.
 */
import { once } from 'node:events';
import type http from 'node:http';
import type { Db } from '../db/client';
import { exportLines, historyLines } from '../services/review/exportDataset';
import { requireRole, sendJson } from './auth';

export async function handleDownload(db: Db, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  if (!requireRole(db, req, res, ['curator', 'admin'])) return;
  const params = new URL(req.url ?? '/', 'http://x').searchParams;
  const opts = { pool: params.get('practice') === '1' ? ('practice' as const) : ('benchmark' as const), reviewedOnly: params.get('reviewed-only') === '1' };
  const lines = name === 'export.jsonl' ? exportLines(db, opts) : name === 'history.jsonl' ? historyLines(db, opts) : null;
  if (!lines) return sendJson(res, 404, { error: `no file '${name}': export.jsonl or history.jsonl` });
  res.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="bopask-${opts.pool}-${name}"`,
    'cache-control': 'no-store',
  });
  for (const line of lines) {
    if (!res.write(line + '\n')) await once(res, 'drain');
  }
  res.end();
}
