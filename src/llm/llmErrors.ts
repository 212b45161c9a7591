/**
 * Everything that can go wrong between the assistant and the endpoint, as one error type whose
 * `kind` the UI and the CLI explain. Each message says what happened; `advice` says what to do
 * (with the exact setting for the common local servers where that is the fix). An endpoint error
 * never touches the layout: the caller only ever sees text that arrived (`partialText`).
 */

export type LlmErrorKind =
  /** The browser refused the answer: the server is up but sends no CORS headers for this origin. */
  | 'cors'
  /** Nothing answered at that address (server not running, wrong port, mixed content). */
  | 'unreachable'
  | 'unauthorized'
  | 'unknown-model'
  /** HTTP 404 without a word about the model: usually a base URL without /v1. */
  | 'not-found'
  | 'rate-limit'
  | 'timeout'
  /** The answer is not JSON (or not server-sent events when streaming). */
  | 'not-json'
  /** JSON, but not a chat-completions answer. */
  | 'unexpected-answer'
  /** The connection ended before the answer was complete. */
  | 'stream-cut'
  | 'server-error'
  | 'cancelled';

/** What to set so a browser page at `origin` may call a local server (docs/llm-layouts.md). */
export function corsAdvice(origin: string): string[] {
  return [
    `Ollama: allows pages on localhost/127.0.0.1 by default; for this page start it with OLLAMA_ORIGINS="${origin}" ollama serve (or "*").`,
    'LM Studio: Developer → Server settings → turn on "Enable CORS" (or lms server start --cors).',
    `vLLM: the default allows every origin; if it was started with --allowed-origins, add '["${origin}"]'.`,
    'llama.cpp: llama-server answers CORS for any origin; a proxy in front of it must pass the Access-Control-* headers through.',
  ];
}

export class LlmEndpointError extends Error {
  override readonly name = 'LlmEndpointError';
  readonly kind: LlmErrorKind;
  readonly advice: readonly string[];
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The answer text that arrived before the failure (streaming), possibly empty. */
  readonly partialText: string;

  constructor(kind: LlmErrorKind, message: string, options: { advice?: readonly string[]; status?: number; partialText?: string } = {}) {
    super(message);
    this.kind = kind;
    this.advice = options.advice ?? [];
    this.status = options.status;
    this.partialText = options.partialText ?? '';
  }
}

/** Short words the UI puts in front of the message. */
export const ERROR_TITLES: Readonly<Record<LlmErrorKind, string>> = {
  cors: 'Blocked by CORS',
  unreachable: 'Endpoint unreachable',
  unauthorized: 'Key refused',
  'unknown-model': 'Unknown model',
  'not-found': 'No chat-completions endpoint there',
  'rate-limit': 'Rate limited',
  timeout: 'Timed out',
  'not-json': 'Not a JSON answer',
  'unexpected-answer': 'Unexpected answer',
  'stream-cut': 'Answer cut off',
  'server-error': 'Server error',
  cancelled: 'Stopped',
};
