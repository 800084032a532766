/** `bopask ask`: a dataset's questions to an OpenAI-compatible model endpoint (server/services/ask/). */
import { dirname } from 'node:path';
import { BadInputError } from '../../../shared/errors';
import { MAX_SOURCE_LENGTH } from '../../../shared/predictions';
import { makeChat } from '../../services/ask/client';
import { loadAskItems } from '../../services/ask/items';
import { ProgressBar } from '../../services/ask/progressBar';
import { type AskSummary, runAsk } from '../../services/ask/run';
import { parseCommandArgs, requireOption } from '../args';

export const usage = `usage: bopask ask --dataset D.jsonl --endpoint URL --model NAME [--out P.jsonl] [--source LABEL]
                  [--api-key-env VAR] [--concurrency N] [--max-image-side PX] [--resume [--retry-failed]]
                  [--images DIR] [--timeout-ms MS] [--retries N] [--max-tokens N] [--temperature T]

Sends each question's model text ('question') with its image to an OpenAI-compatible chat-completions
endpoint (vLLM, llama.cpp's server, Ollama, OpenAI, OpenRouter, Gemini's compatible API) and writes the
raw replies as predictions (FORMAT.md), one line per question, ready for 'bopask score' and
'bopask import-predictions'. Failed requests are retried with backoff (429, 5xx, timeouts; Retry-After is
honoured); a question whose retries run out is written as an unreadable output (scored invalid) with an
"error" field. A refused key, an unknown model or an unreachable endpoint stops the run (exit 1).
  --endpoint URL        base URL, e.g. http://localhost:8000/v1 (…/chat/completions is accepted too)
  --model NAME          the model name the endpoint expects
  --source LABEL        the row name in the table (default: the model name)
  --out P.jsonl         default predictions.jsonl; appended line by line, valid if the run is killed
  --api-key-env VAR     the environment variable holding the API key (default OPENAI_API_KEY); the key is
                        never read from the command line and never printed. For a local server without
                        keys, set it to any value (e.g. OPENAI_API_KEY=EMPTY)
  --concurrency N       requests in flight at once (default 4)
  --max-image-side PX   send images resized so their longer side is at most PX; the coordinate limits in the
                        prompt name the sent size and the reply's points are scaled back to the original
  --resume              continue P.jsonl: skip the ids it already has
  --retry-failed        with --resume: ask again the questions written as failed; the file is rewritten
                        atomically (the old one stays whole until the new one is complete)
  --images DIR          the folder image paths are relative to (default: the dataset's folder)
  --timeout-ms MS       per request attempt (default 120000)
  --retries N           retries per question after the first attempt (default 4)
  --max-tokens N, --temperature T   passed to the endpoint when given (default: the endpoint's own)`;

function intOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new BadInputError(`--${name}: expected an integer >= ${min}, got '${value}'\n${usage}`);
  return Number(value);
}

function endpointUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadInputError(`--endpoint: '${value}' is not a URL (expected e.g. http://localhost:8000/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadInputError(`--endpoint: expected an http:// or https:// URL, got '${url.protocol}' in '${value}'`);
  }
  if (url.username || url.password) throw new BadInputError('--endpoint: credentials in the URL are refused; put the key in the environment (--api-key-env)');
  return value;
}

function formatSummary(s: AskSummary, outPath: string): string {
  const kinds = Object.entries(s.failuresByKind).map(([k, n]) => `${k} ×${n}`).join(', ');
  const lines = [
    `ask: ${s.asked} asked in ${s.seconds.toFixed(1)} s (${s.skipped} of ${s.total} already in ${outPath}): ` +
      `${s.answered} answered, ${s.failed} failed${kinds ? ` (${kinds})` : ''}`,
    `ask: tokens: ${s.promptTokens} prompt + ${s.completionTokens} completion = ${s.promptTokens + s.completionTokens}`,
  ];
  if (s.failed > 0) lines.push(`ask: failed questions are written as unreadable outputs; 'bopask ask … --resume --retry-failed' asks them again`);
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<void> {
  // Refuse a key on the command line without echoing it (it would sit in shell history and `ps`).
  if (argv.some((a) => /^--(api-?key|key|token)(=|$)/i.test(a))) {
    throw new BadInputError('the API key is read only from the environment: set OPENAI_API_KEY (or the variable named by --api-key-env)');
  }
  const { values } = parseCommandArgs(argv, {
    dataset: { type: 'string' }, endpoint: { type: 'string' }, model: { type: 'string' }, source: { type: 'string' },
    out: { type: 'string', default: 'predictions.jsonl' }, 'api-key-env': { type: 'string', default: 'OPENAI_API_KEY' },
    concurrency: { type: 'string' }, 'max-image-side': { type: 'string' }, resume: { type: 'boolean' }, 'retry-failed': { type: 'boolean' },
    images: { type: 'string' }, 'timeout-ms': { type: 'string' }, retries: { type: 'string' }, 'max-tokens': { type: 'string' },
    temperature: { type: 'string' },
  }, usage);
  const datasetPath = requireOption(values.dataset, 'dataset', usage);
  const endpoint = endpointUrl(requireOption(values.endpoint, 'endpoint', usage));
  const model = requireOption(values.model, 'model', usage);
  const source = (values.source ?? model).trim();
  if (source === '' || source.length > MAX_SOURCE_LENGTH) throw new BadInputError(`--source: expected 1–${MAX_SOURCE_LENGTH} characters, got ${source.length}`);
  if (values['retry-failed'] && !values.resume) throw new BadInputError(`--retry-failed goes with --resume\n${usage}`);
  const keyVar = values['api-key-env']!;
  const apiKey = process.env[keyVar];
  if (!apiKey) {
    throw new BadInputError(`the environment variable ${keyVar} is not set: set it to the endpoint's API key ` +
      `(any value, e.g. EMPTY, for a local server without keys), or name another one with --api-key-env`);
  }
  const temperature = values.temperature === undefined ? undefined : Number(values.temperature);
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0)) {
    throw new BadInputError(`--temperature: expected a number >= 0, got '${values.temperature}'`);
  }
  const maxImageSide = values['max-image-side'] === undefined ? undefined : intOption(values['max-image-side'], 'max-image-side', 0, 16);
  const concurrency = intOption(values.concurrency, 'concurrency', 4, 1);
  const chat = makeChat({
    endpoint, model, apiKey, temperature,
    timeoutMs: intOption(values['timeout-ms'], 'timeout-ms', 120_000, 1),
    maxRetries: intOption(values.retries, 'retries', 4, 0),
    maxTokens: values['max-tokens'] === undefined ? undefined : intOption(values['max-tokens'], 'max-tokens', 0, 1),
  });
  const items = await loadAskItems(datasetPath, values.images ?? dirname(datasetPath));
  const outPath = values.out!;
  const summary = await runAsk({
    items, ask: chat, outPath, source, concurrency, maxImageSide,
    isResume: values.resume === true, isRetryFailed: values['retry-failed'] === true,
    warn: (m) => process.stderr.write(`ask: ${m}\n`),
    progress: (total) => new ProgressBar('ask', { total }),
  });
  process.stderr.write(formatSummary(summary, outPath));
  if (summary.stoppedBy !== undefined) {
    process.stderr.write(`ask: stopped early; ${outPath} holds the answers so far: the same command with --resume continues\n`);
    throw summary.stoppedBy;
  }
  process.stdout.write(`${outPath}\n`);
}
