/**
 * A real OpenAI-compatible chat-completions server for the `bopask ask` tests, run as its own process
 * (`node --import tsx server/testing/chatServer.ts CONFIG.json`) so a test can kill it half-way. It
 * answers each question with the dataset's ground truth (scaled to the size of the image it received),
 * misbehaves on the attempts the config names, and appends what it received to a JSON Lines record:
 * the text, the image's bytes (sha256) and size, the headers that matter.
 *
 * Config: {"port": 0, "dataset": D.jsonl, "record": R.jsonl, "faults": {"<question id>": ["429", "ok"]},
 *          "retryAfterS": 1, "hangMs": 2000}
 * A fault list applies to the question's attempts in order (its last entry repeats):
 *   "ok" · "429" (with Retry-After) · "500" (no Retry-After: the client's own backoff) ·
 *   "hang" (no answer for hangMs: a client timeout) · "malformed" (HTTP 200, a body that is not JSON).
 * Prints "listening PORT" on start and "request N" after each request it has answered.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { imageSize } from 'image-size';
import { formatAnswer, parseAnswer } from '../../shared/tasks';
import { parseDatasetLine } from '../../shared/dataset';

interface Config {
  port?: number;
  dataset: string;
  record: string;
  faults?: Record<string, string[]>;
  retryAfterS?: number;
  hangMs?: number;
}

const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Config;

/** The question text with its stated coordinate limits blanked, so a rewritten prompt finds its line. */
export const questionKey = (text: string): string => text.replace(/\(0, ?\d+(?:\.\d+)?\)/g, '(0, *)');

const byQuestion = new Map<string, { id: string; task: string; answer: unknown; width: number; height: number }>();
readFileSync(config.dataset, 'utf8').split('\n').forEach((line, i) => {
  if (line.trim() === '') return;
  const r = parseDatasetLine(line, i + 1);
  if (!r.ok) throw new Error(r.error);
  const key = questionKey(r.item.question);
  if (byQuestion.has(key)) throw new Error(`two questions read '${key}': the fake server could not tell them apart`);
  byQuestion.set(key, { id: r.item.id, task: r.item.task, answer: r.item.answer, width: r.item.width!, height: r.item.height! });
});

const attempts = new Map<string, number>();
let answered = 0;

/** The ground truth in the sent image's pixels: what a perfect model looking at that image would say. */
function perfectReply(q: { task: string; answer: unknown; width: number; height: number }, sentW: number, sentH: number): string {
  const parsed = parseAnswer(q.task as never, q.answer);
  if (!parsed.ok) throw new Error(parsed.reason);
  if (!('points' in parsed.answer)) return parsed.answer.value ? 'Yes' : 'No';
  const [sx, sy] = [sentW / q.width, sentH / q.height];
  return formatAnswer({ ...parsed.answer, points: parsed.answer.points.map(([x, y]) => [x * sx, y * sy]) } as never);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const content = body.messages[0].content as ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];
    const text = content.find((c) => c.type === 'text') as { text: string };
    const image = content.find((c) => c.type === 'image_url') as { image_url: { url: string } };
    const m = /^data:([^;]+);base64,(.*)$/s.exec(image.image_url.url)!;
    const bytes = Buffer.from(m[2], 'base64');
    const size = imageSize(bytes);
    const q = byQuestion.get(questionKey(text.text));
    const n = attempts.get(q?.id ?? '') ?? 0;
    attempts.set(q?.id ?? '', n + 1);
    const plan = q ? (config.faults?.[q.id] ?? ['ok']) : ['ok'];
    const action = plan[Math.min(n, plan.length - 1)];
    appendFileSync(config.record, JSON.stringify({
      id: q?.id ?? null, attempt: n + 1, action, url: req.url, model: body.model, text: text.text, mime: m[1],
      image_sha256: createHash('sha256').update(bytes).digest('hex'), image_width: size.width, image_height: size.height,
      authorization: req.headers.authorization ?? null, retry_count: req.headers['x-stainless-retry-count'] ?? null, at_ms: Date.now(),
    }) + '\n');
    const done = (): void => {
      answered++;
      process.stdout.write(`request ${answered}\n`);
    };
    if (!q) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'unknown question' } }));
      return done();
    }
    switch (action) {
      case '429':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(config.retryAfterS ?? 1) })
          .end(JSON.stringify({ error: { message: 'rate limited', type: 'rate_limit' } }));
        return done();
      case '500':
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'internal error' } }));
        return done();
      case 'hang':
        setTimeout(() => res.destroy(), config.hangMs ?? 2000);
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "chatcmpl-1", "choices": [{"message": {"content": "Ye');
        return done();
      default: {
        const reply = perfectReply(q, size.width!, size.height!);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          id: `chatcmpl-${answered}`, object: 'chat.completion', created: 0, model: body.model,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply } }],
          usage: { prompt_tokens: 1000 + text.text.length, completion_tokens: reply.length, total_tokens: 1000 + text.text.length + reply.length },
        }));
        return done();
      }
    }
  });
});

server.listen(config.port ?? 0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
