/**
 * One chat-completions request to an OpenAI-compatible endpoint, streamed (server-sent events,
 * read with eventsource-parser) or not, with every failure classified as an LlmEndpointError.
 * The key goes in `Authorization: Bearer …` of requests to the configured endpoint and nowhere
 * else (the CORS probe below carries no key and no prompt).
 *
 * Timeout: `config.timeoutMs` is how long the endpoint may stay silent, before the first byte
 * and between chunks, so a slow model that keeps streaming is never cut, a stalled one is.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { z } from 'zod';
import { chatCompletionsUrl, modelsUrl, type EndpointConfig } from './endpointConfig';
import { corsAdvice, LlmEndpointError } from './llmErrors';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequestOptions {
  config: EndpointConfig;
  messages: readonly ChatMessage[];
  stream: boolean;
  /** Called with the whole answer so far after every streamed piece. */
  onText?: (textSoFar: string) => void;
  signal?: AbortSignal;
  /** For tests and the CLI; defaults to the global fetch. */
  fetch?: typeof fetch;
  temperature?: number;
}

export interface ChatAnswer {
  text: string;
  finishReason: string | null;
}

const MAX_ECHOED_BODY = 300;

const messageAnswerSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable().optional() }), finish_reason: z.string().nullable().optional() }))
    .min(1),
});

const streamChunkSchema = z.object({
  choices: z.array(
    z.object({
      delta: z.object({ content: z.string().nullable().optional() }).optional(),
      finish_reason: z.string().nullable().optional(),
    }),
  ),
});

const errorBodySchema = z.union([
  z.object({ error: z.union([z.string(), z.object({ message: z.string().optional(), code: z.unknown().optional(), type: z.unknown().optional() })]) }),
  z.object({ message: z.string() }),
  z.object({ detail: z.string() }),
]);

/** The server's own words from an error body, if it has any. */
export function serverMessage(body: string): string {
  let text = body.trim();
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      const value = parsed.data;
      if ('error' in value) text = typeof value.error === 'string' ? value.error : (value.error.message ?? JSON.stringify(value.error));
      else if ('message' in value) text = value.message;
      else text = value.detail;
    }
  } catch {
    // Not JSON: the body itself (clipped) is the best we have.
  }
  return text.length > MAX_ECHOED_BODY ? `${text.slice(0, MAX_ECHOED_BODY)}…` : text;
}

function said(body: string): string {
  const message = serverMessage(body);
  return message === '' ? '' : ` The server said: “${message}”`;
}

function mentionsModel(body: string): boolean {
  return /model/i.test(body);
}

/** Turns a non-2xx response into the error that explains it. */
export async function httpError(response: Response, config: EndpointConfig): Promise<LlmEndpointError> {
  let body = '';
  try {
    body = await response.text();
  } catch {
    // The body is only for the message.
  }
  const status = response.status;
  const at = `${chatCompletionsUrl(config)} answered HTTP ${String(status)}.`;
  if (status === 401 || status === 403) {
    return new LlmEndpointError('unauthorized', `The endpoint refused the request: ${at}${said(body)}`, {
      status,
      advice: [
        config.apiKey === '' ? 'This endpoint needs a key: enter it in the key field.' : 'Check the key: it is sent as "Authorization: Bearer <key>".',
        'A local server started with an API key (llama-server --api-key, vllm serve --api-key) needs exactly that key here.',
      ],
    });
  }
  if (status === 429) {
    const retry = response.headers.get('retry-after');
    return new LlmEndpointError('rate-limit', `The endpoint is rate-limiting requests: ${at}${said(body)}`, {
      status,
      advice: [retry ? `Wait ${retry} s (the server's Retry-After) and try again.` : 'Wait a little and try again.', 'Hosted endpoints limit requests per minute per key.'],
    });
  }
  if ((status === 404 || status === 400 || status === 422) && mentionsModel(body)) {
    return new LlmEndpointError('unknown-model', `The endpoint does not know the model “${config.model}”: ${at}${said(body)}`, {
      status,
      advice: [
        `GET ${modelsUrl(config)} lists the names it serves.`,
        'Ollama: ollama pull <name> first, and use the name as "ollama list" prints it.',
        'LM Studio: load the model, then use its identifier. vLLM: the --served-model-name (or model path) it was started with.',
      ],
    });
  }
  if (status === 404) {
    return new LlmEndpointError('not-found', `There is no chat-completions endpoint at ${chatCompletionsUrl(config)} (HTTP 404).${said(body)}`, {
      status,
      advice: ['The base URL usually ends with /v1, e.g. http://127.0.0.1:8080/v1 (llama.cpp) or http://127.0.0.1:11434/v1 (Ollama).'],
    });
  }
  return new LlmEndpointError('server-error', `The endpoint failed: ${at}${said(body)}`, {
    status,
    advice: status >= 500 ? ['Look at the server\'s log; a local server may have run out of memory loading the model.'] : [],
  });
}

function inBrowserPage(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/**
 * A failed fetch in a page is either CORS or nothing listening; the browser hides which. A
 * `no-cors` GET (no key, no prompt, an opaque answer we never read) tells them apart: it
 * succeeds whenever something answers at all.
 */
async function networkError(config: EndpointConfig, cause: unknown, fetchImpl: typeof fetch): Promise<LlmEndpointError> {
  const detail = cause instanceof Error ? (cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message) : String(cause);
  if (inBrowserPage()) {
    if (window.location.protocol === 'https:' && config.baseUrl.startsWith('http:') && !/^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])[:/]/.test(config.baseUrl)) {
      return new LlmEndpointError('unreachable', `This page is served over https, so the browser blocks requests to the plain-http endpoint ${config.baseUrl}.`, {
        advice: ['Serve the endpoint over https, or run it on this machine (http://127.0.0.1 is allowed).'],
      });
    }
    const reachable = await fetchImpl(modelsUrl(config), { mode: 'no-cors', credentials: 'omit', signal: AbortSignal.timeout(3000) }).then(
      () => true,
      () => false,
    );
    if (reachable) {
      return new LlmEndpointError('cors', `${config.baseUrl} answers, but does not allow this page (${window.location.origin}) to read its answers (CORS).`, {
        advice: corsAdvice(window.location.origin),
      });
    }
  }
  return new LlmEndpointError('unreachable', `Nothing answered at ${config.baseUrl} (${detail}).`, {
    advice: ['Is the server running, on that port? e.g. llama-server --port 8080, or ollama serve (port 11434).'],
  });
}

function notJson(config: EndpointConfig, what: string, body: string, partialText = ''): LlmEndpointError {
  const start = body.trim().slice(0, 120);
  return new LlmEndpointError('not-json', `${chatCompletionsUrl(config)} sent ${what}, not a chat-completions JSON answer: “${start}${body.trim().length > 120 ? '…' : ''}”`, {
    advice: ['Is the base URL an OpenAI-compatible API (it usually ends with /v1), and not a web page or another service?'],
    partialText,
  });
}

/** Sends one chat-completions request and returns the whole answer text. */
export async function requestChatCompletion(options: ChatRequestOptions): Promise<ChatAnswer> {
  const { config, messages, stream } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, config.timeoutMs);
  };
  const onCallerAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort);
  const stopped = (partialText: string): LlmEndpointError | undefined => {
    if (timedOut) {
      return new LlmEndpointError('timeout', `${config.baseUrl} sent nothing for ${String(config.timeoutMs / 1000)} s.`, {
        advice: ['A local model can take long to load on first use: raise the timeout, or try again once it is loaded.'],
        partialText,
      });
    }
    if (options.signal?.aborted) return new LlmEndpointError('cancelled', 'Stopped before the answer was complete.', { partialText });
    return undefined;
  };

  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: stream ? 'text/event-stream' : 'application/json' };
  if (config.apiKey !== '') headers.Authorization = `Bearer ${config.apiKey}`;
  const body = JSON.stringify({ model: config.model, messages, stream, temperature: options.temperature ?? 0.2 });

  arm();
  try {
    let response: Response;
    try {
      response = await fetchImpl(chatCompletionsUrl(config), { method: 'POST', headers, body, signal: controller.signal, credentials: 'omit' });
    } catch (error) {
      throw stopped('') ?? (await networkError(config, error, fetchImpl));
    }
    arm();
    if (!response.ok) throw await httpError(response, config);
    const type = response.headers.get('content-type') ?? '';
    // Some servers ignore `stream: true` and answer in one piece; both are fine.
    if (stream && !/application\/json/i.test(type)) {
      if (!/text\/event-stream/i.test(type)) throw notJson(config, `“${type || 'no content type'}”`, await readAll(response).catch(() => ''));
      return await readEventStream(response, config, arm, stopped, options.onText);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw stopped('') ?? new LlmEndpointError('stream-cut', `The connection to ${config.baseUrl} closed before the answer was complete (${error instanceof Error ? error.message : String(error)}).`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw notJson(config, 'text', text);
    }
    const answer = messageAnswerSchema.safeParse(json);
    if (!answer.success) throw unexpected(config, text);
    const choice = answer.data.choices[0];
    const content = choice?.message.content ?? '';
    options.onText?.(content);
    return { text: content, finishReason: choice?.finish_reason ?? null };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function unexpected(config: EndpointConfig, body: string): LlmEndpointError {
  return new LlmEndpointError('unexpected-answer', `${chatCompletionsUrl(config)} answered JSON without choices[0].message.content: “${serverMessage(body).slice(0, 120)}”`, {
    advice: ['Is this an OpenAI-compatible chat-completions endpoint?'],
  });
}

async function readAll(response: Response): Promise<string> {
  return (await response.text()).slice(0, 1000);
}

async function readEventStream(
  response: Response,
  config: EndpointConfig,
  arm: () => void,
  stopped: (partialText: string) => LlmEndpointError | undefined,
  onText: ((textSoFar: string) => void) | undefined,
): Promise<ChatAnswer> {
  let text = '';
  let done = false;
  let finishReason: string | null = null;
  let failure: LlmEndpointError | undefined;
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      if (done || failure) return;
      const data = event.data.trim();
      if (data === '[DONE]') {
        done = true;
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        failure = notJson(config, 'an event that is not JSON', data, text);
        return;
      }
      const chunk = streamChunkSchema.safeParse(json);
      if (!chunk.success) {
        // An error in the middle of a stream arrives as an event with an `error` body.
        failure = errorBodySchema.safeParse(json).success
          ? new LlmEndpointError('server-error', `The endpoint failed while answering.${said(data)}`, { partialText: text })
          : unexpected(config, data);
        return;
      }
      for (const choice of chunk.data.choices) {
        if (choice.delta?.content) text += choice.delta.content;
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      onText?.(text);
    },
  });
  const body = response.body;
  if (!body) throw notJson(config, 'an empty body', '');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw stopped(text) ?? cut(config, text, error instanceof Error ? error.message : String(error));
      }
      if (chunk.done) break;
      arm();
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      if (failure) throw failure;
      if (done) break;
    }
    parser.feed(decoder.decode());
    if (failure) throw failure;
  } finally {
    reader.cancel().catch(() => undefined);
  }
  // A stream that ends without [DONE] or a finish reason was cut, not finished.
  if (!done && finishReason === null) throw cut(config, text, 'the stream ended without [DONE]');
  return { text, finishReason };
}

function cut(config: EndpointConfig, partialText: string, detail: string): LlmEndpointError {
  return new LlmEndpointError('stream-cut', `The connection to ${config.baseUrl} ended mid-answer (${detail}); ${String(partialText.length)} characters had arrived.`, {
    advice: ['Try again (Regenerate). The lines that arrived are shown and can be used.'],
    partialText,
  });
}
