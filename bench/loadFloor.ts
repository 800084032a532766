/**
 * bench/load.ts's floor and its profile summary. The floor answers the same two requests as the
 * server (the batch read and the submit, in the tRPC batch format) with bare `node:http` and
 * better-sqlite3 on the same migrated schema and durability (WAL, synchronous = FULL, foreign keys on):
 * the read is one indexed select of the next unanswered item, the submit one INSERT of the response
 * row the server stores. No validation, no scoring, no framework: what nothing can beat.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Serves the floor on a free loopback port and prints "floor on http://localhost:PORT" to stderr. */
export function floorMain(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const next = db.prepare(
    `select a.id, a.task from assignments a
     where a.participant_id = (select id from participants where token = ?)
       and not exists (select 1 from responses r where r.assignment_id = a.id)
     order by a.position limit 1`,
  );
  const insert = db.prepare(
    `insert into responses (id, question_id, source, annotator, kind, assignment_id, output, time_ms, scores, metric_version)
     select ?, a.question_id, 'Human', a.participant_id, 'answer', a.id, ?, ?, '{"valid":true}', 1 from assignments a where a.id = ?`,
  );
  const reply = (res: http.ServerResponse, data: unknown) => {
    const body = JSON.stringify([{ result: { data } }]);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url.startsWith('/trpc/annotate.batch?')) {
      const input = JSON.parse(new URL(url, 'http://x').searchParams.get('input') ?? '{}') as { 0: { token: string } };
      const row = next.get(input[0].token) as { id: number; task: string } | undefined;
      return reply(res, { items: row ? [{ assignmentId: row.id, status: 'open', question: { task: row.task } }] : [] });
    }
    if (req.method === 'POST' && url.startsWith('/trpc/annotate.submit?')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const input = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { 0: { responseId: string; assignmentId: number; timeMs: number; answer: unknown } })[0];
        const r = insert.run(input.responseId, JSON.stringify(input.answer), input.timeMs, input.assignmentId);
        if (r.changes !== 1) return void res.writeHead(404).end();
        reply(res, { responseId: input.responseId, status: 'answered', isRetry: false });
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => {
    process.stderr.write(`floor on http://localhost:${(server.address() as { port: number }).port}\n`);
  });
  const stop = () => server.close(() => db.close());
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * Prints where the server's CPU time went, from the `.cpuprofile` files in `dir`: the functions with
 * the most self time, and the self time per area (our code, tRPC, drizzle, zod, SQLite, node:http …).
 */
export function summarizeProfiles(dir: string): void {
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number };
    const total = profile.samples.length;
    const byFunction = new Map<string, number>();
    const byArea = new Map<string, number>();
    for (const n of profile.nodes) {
      const hits = n.hitCount ?? 0;
      if (hits === 0) continue;
      const { functionName, url, lineNumber } = n.callFrame;
      const where = url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '~/').replace(process.cwd() + '/', '');
      const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
      const area = !where ? functionName : where.startsWith('~/') ? where.split('/').slice(1, where.startsWith('~/@') ? 3 : 2).join('/') : where.startsWith('node:') ? where : where.split('/').slice(0, 2).join('/');
      byArea.set(area, (byArea.get(area) ?? 0) + hits);
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, h]) => `    ${((100 * h) / total).toFixed(1).padStart(5)} %  ${f}`).join('\n');
    console.log(`profile ${name} (${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s):\n  by area:\n${top(byArea, 15)}\n  by function (self):\n${top(byFunction, 30)}`);
  }
}
