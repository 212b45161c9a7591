/**
 * The client against a real local HTTP server (e2e/support/fakeChatServer.ts), one scripted
 * answer per failure the UI explains. Node's fetch has no CORS; the CORS case is in the e2e spec.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRIPTS, startFakeChatServer, type FakeChatServer } from '../../e2e/support/fakeChatServer';
import { requestChatCompletion } from './chatCompletionClient';
import { parseEndpointConfig, type EndpointConfig } from './endpointConfig';
import { LlmEndpointError, type LlmErrorKind } from './llmErrors';
import { buildStage1Prompt, chatMessages } from './layoutPrompts';

let server: FakeChatServer;
let keyed: FakeChatServer;

beforeAll(async () => {
  server = await startFakeChatServer();
  keyed = await startFakeChatServer({ requiredKey: 'sk-right' });
});
afterAll(async () => {
  await server.close();
  await keyed.close();
});

function config(model: string, more: Partial<EndpointConfig> = {}, base = server.baseUrl): EndpointConfig {
  const result = parseEndpointConfig({ baseUrl: base, model, ...more });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

const messages = chatMessages(buildStage1Prompt('a red ball'));

async function failure(promise: Promise<unknown>): Promise<LlmEndpointError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmEndpointError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('requestChatCompletion', () => {
  it('streams: every piece reaches onText and the whole answer is returned', async () => {
    const seen: string[] = [];
    const answer = await requestChatCompletion({ config: config('good'), messages, stream: true, onText: (t) => seen.push(t) });
    expect(answer.text).toBe(SCRIPTS.good?.stage1);
    expect(answer.finishReason).toBe('stop');
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.startsWith(seen[i - 1] ?? '')).toBe(true);
  });

  it('answers without streaming too', async () => {
    const answer = await requestChatCompletion({ config: config('good'), messages, stream: false });
    expect(answer.text).toBe(SCRIPTS.good?.stage1);
  });

  it('sends the model, the messages and the key (as a Bearer header) to the configured endpoint only', async () => {
    const before = keyed.requests.length;
    await requestChatCompletion({ config: config('good', { apiKey: 'sk-right' }, keyed.baseUrl), messages, stream: true });
    const sent = keyed.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.authorization).toBe('Bearer sk-right');
    expect(sent[0]?.body?.model).toBe('good');
    expect(sent[0]?.body?.stream).toBe(true);
    expect(sent[0]?.body?.messages).toEqual(messages);
    // Without a key, no Authorization header at all.
    await requestChatCompletion({ config: config('good'), messages, stream: false });
    expect(server.chatRequests().at(-1)?.authorization).toBeUndefined();
  });

  const cases: [string, () => Promise<unknown>, LlmErrorKind, RegExp][] = [
    ['401 (wrong key)', () => requestChatCompletion({ config: config('good', { apiKey: 'sk-wrong' }, keyed.baseUrl), messages, stream: true }), 'unauthorized', /HTTP 401.*Invalid API key/],
    ['401 (no key)', () => requestChatCompletion({ config: config('good', {}, keyed.baseUrl), messages, stream: false }), 'unauthorized', /HTTP 401/],
    ['unknown model (404 + error body)', () => requestChatCompletion({ config: config('no-such-model'), messages, stream: true }), 'unknown-model', /does not know the model “no-such-model”.*not found/],
    ['404 without a model (wrong base URL)', () => requestChatCompletion({ config: config('good', {}, server.origin), messages, stream: false }), 'not-found', /no chat-completions endpoint/],
    ['429 rate limit', () => requestChatCompletion({ config: config('ratelimit'), messages, stream: true }), 'rate-limit', /rate-limiting.*Rate limit reached/],
    ['non-JSON answer (streaming)', () => requestChatCompletion({ config: config('html'), messages, stream: true }), 'not-json', /text\/html.*nginx/],
    ['non-JSON answer (not streaming)', () => requestChatCompletion({ config: config('html'), messages, stream: false }), 'not-json', /not a chat-completions JSON answer/],
    ['slow, then timeout', () => requestChatCompletion({ config: config('slow', { timeoutMs: 300 }), messages, stream: true }), 'timeout', /sent nothing for 0.3 s/],
    ['connection dropped mid-stream', () => requestChatCompletion({ config: config('drop'), messages, stream: true }), 'stream-cut', /ended mid-answer/],
    ['connection dropped mid-body', () => requestChatCompletion({ config: config('drop'), messages, stream: false }), 'stream-cut', /closed before the answer was complete/],
  ];
  it.each(cases)('%s is classified and explained', async (_name, run, kind, message) => {
    const error = await failure(run());
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    if (kind === 'rate-limit') expect(error.advice.join(' ')).toContain('Wait 7 s');
    if (kind === 'unknown-model') expect(error.advice.join(' ')).toContain('/v1/models');
  });

  it('a dropped stream keeps the text that arrived', async () => {
    const error = await failure(requestChatCompletion({ config: config('drop'), messages, stream: true }));
    const firstLine = SCRIPTS.drop?.stage1.split('\n')[0] ?? '';
    expect(error.partialText.startsWith(`${firstLine}\n`)).toBe(true);
    expect(error.partialText.length).toBeLessThan(SCRIPTS.drop?.stage1.length ?? 0);
  });

  it('nothing listening: unreachable, with how to start a server', async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => done(typeof address === 'object' && address ? address.port : 1));
      });
    });
    const error = await failure(requestChatCompletion({ config: config('good', {}, `http://127.0.0.1:${String(port)}/v1`), messages, stream: true }));
    expect(error.kind).toBe('unreachable');
    expect(error.advice.join(' ')).toMatch(/llama-server --port/);
  });

  it('stopping (the caller aborts) is reported as cancelled, not as an endpoint failure', async () => {
    const controller = new AbortController();
    const pending = requestChatCompletion({ config: config('slow'), messages, stream: true, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).kind).toBe('cancelled');
  });
});
