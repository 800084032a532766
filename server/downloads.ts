/**
 * GET /download/<file> for curators and admins: the per-question scores, the human responses and the
 * participants list, as files (Content-Disposition), rather than through tRPC, whose JSON envelope
 * would hold a million lines in one string. The lines are produced synchronously (a better-sqlite3
 * statement cannot be paused across other requests' queries), and handed to the socket as they come.
 */
import type http from 'node:http';
import { readCookie } from './context';
import type { Db } from './db/client';
import { humanResponseLines, perQuestionLines } from './services/baseline/downloads';
import { participantsCsvLines } from './services/baseline/participants';
import { SESSION_COOKIE, userFromSession } from './services/auth';

const FILES: Record<string, { type: string; lines: (db: Db) => Iterable<string> }> = {
  'per-question.jsonl': { type: 'application/x-ndjson', lines: perQuestionLines },
  'human-responses.jsonl': { type: 'application/x-ndjson', lines: humanResponseLines },
  'participants.csv': { type: 'text/csv', lines: participantsCsvLines },
};

export function serveDownload(db: Db, name: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const user = userFromSession(db, readCookie(req, SESSION_COOKIE));
  if (!user) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end('sign in as a curator or admin first\n');
    return;
  }
  const file = FILES[name];
  if (!file || req.method !== 'GET') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`no download '${name}'\n`);
    return;
  }
  res.writeHead(200, {
    'content-type': `${file.type}; charset=utf-8`,
    'content-disposition': `attachment; filename="bopask-${name}"`,
    'cache-control': 'no-store',
  });
  for (const line of file.lines(db)) res.write(line);
  res.end();
}
