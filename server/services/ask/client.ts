/**
 * One question to an OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp's server, Ollama,
 * OpenAI, OpenRouter, Gemini's compatible API), through the official `openai` client. The client does
 * the retrying: exponential backoff with jitter (0.5 s doubling to 8 s) on 408/409/429/5xx, connection
 * errors and timeouts, honouring `Retry-After` and `retry-after-ms`. What is left when it gives up is
 * sorted here: a failure of this question (written as an unreadable output), or a failure of the whole
 * run (the key refused, the model or the endpoint not found, the endpoint unreachable): an UpstreamError,
 * which stops the run (exit 1) because every further request would fail the same way.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { UpstreamError } from '../../../shared/errors';

export interface ChatOptions {
  /** Base URL, e.g. http://localhost:8000/v1 (a trailing /chat/completions is dropped). */
  endpoint: string;
  model: string;
  /** Never logged, never written: the SDK's own logging is switched off for that reason too. */
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  maxTokens?: number;
  temperature?: number;
}

export interface ChatReply {
  text: string;
  promptTokens: number;
  completionTokens: number;
}


/** This question failed after the client's retries; `kind` is what the summary counts. */
export class QuestionFailedError extends Error {
  constructor(readonly kind: string, message: string) {
    super(message);
  }
}

export function baseUrl(endpoint: string): string {
  return endpoint.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
}

export type AskFn = (question: string, imageDataUrl: string) => Promise<ChatReply>;

export function makeChat(opts: ChatOptions): AskFn {
  const client = new OpenAI({
    baseURL: baseUrl(opts.endpoint), apiKey: opts.apiKey, timeout: opts.timeoutMs, maxRetries: opts.maxRetries, logLevel: 'off',
  });
  return async (question, imageDataUrl) => {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await client.chat.completions.create({
        model: opts.model,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: imageDataUrl } }, { type: 'text', text: question }] }],
        ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}),
        ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      });
    } catch (err) {
      const e = classify(err, opts);
      // A server may quote the key back in an error ("Incorrect API key provided: …"): never pass it on.
      if (opts.apiKey.length >= 4) e.message = e.message.split(opts.apiKey).join('***');
      throw e;
    }
    if (typeof completion !== 'object' || completion === null || !Array.isArray(completion.choices)) {
      throw new QuestionFailedError('malformed response', 'malformed response: no choices in the reply');
    }
    const content = completion.choices[0]?.message?.content;
    return {
      text: typeof content === 'string' ? content : '',
      promptTokens: completion.usage?.prompt_tokens ?? 0,
      completionTokens: completion.usage?.completion_tokens ?? 0,
    };
  };
}

function classify(err: unknown, opts: ChatOptions): Error {
  const retries = `after ${opts.maxRetries} retr${opts.maxRetries === 1 ? 'y' : 'ies'}`;
  if (err instanceof APIConnectionTimeoutError) return new QuestionFailedError('timeout', `timed out (${opts.timeoutMs} ms) ${retries}`);
  if (err instanceof APIConnectionError) {
    return new UpstreamError(`cannot reach ${baseUrl(opts.endpoint)} ${retries} (${err.message}${err.cause ? `: ${String((err.cause as Error).message ?? err.cause)}` : ''})`);
  }
  if (err instanceof APIError) {
    const status = err.status ?? 0;
    if (status === 401 || status === 403) return new UpstreamError(`${baseUrl(opts.endpoint)} refused the API key (HTTP ${status}): ${err.message}`);
    if (status === 404) return new UpstreamError(`${baseUrl(opts.endpoint)}: HTTP 404 for model '${opts.model}' (wrong endpoint path or model name): ${err.message}`);
    const isRetried = status === 408 || status === 409 || status === 429 || status >= 500;
    return new QuestionFailedError(`HTTP ${status}`, `HTTP ${status}${isRetried ? ` ${retries}` : ''}: ${err.message}`);
  }
  if (err instanceof SyntaxError) return new QuestionFailedError('malformed response', `malformed response: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}
