/**
 * A real OpenAI-compatible chat-completions server for tests, on 127.0.0.1 at a free port:
 * POST /v1/chat/completions (streamed as server-sent events or not, as the request asks) and
 * GET /v1/models. It is scripted: the request's `model` picks the scenario, and the prompt's first
 * line tells the two stages apart. Any other model name gets Ollama's 404 "model not found".
 *
 * CORS is configurable (`cors: false` answers without Access-Control-* headers, as a local
 * server does that was not told about the page's origin), and so is a required key (401
 * otherwise). Every request is recorded (path, Authorization, parsed body) so tests can check
 * what the app sent, and to whom.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopbackListen';
import { STAGE2_HEADING } from '../../src/llm/layoutPrompts';

export interface ScriptedAnswer {
  stage1: string;
  stage2: string;
}

export const SCRIPT_CAPTION = 'a red ball, a blue striped oval and a green dotted spot';

const GOOD_STAGE1 = [
  'ball {major-radius: 120px; minor-radius: 110px; cx: 150px; cy: 300px; angle: 0}',
  'oval {major-radius: 160px; minor-radius: 80px; cx: 360px; cy: 220px; angle: 30}',
  'spot {major-radius: 90px; minor-radius: 70px; cx: 330px; cy: 400px; angle: 150}',
].join('\n');
const GOOD_STAGE2 = ['ball {a red ball}', 'oval {a blue oval with yellow stripes}', 'spot {a green spot with white dots}'].join('\n');

/** The scripted answers by model name. */
export const SCRIPTS: Readonly<Record<string, ScriptedAnswer>> = {
  good: { stage1: GOOD_STAGE1, stage2: GOOD_STAGE2 },
  gated: { stage1: GOOD_STAGE1, stage2: GOOD_STAGE2 },
  malformed: {
    stage1: [
      'ball {major-radius: 120px; minor-radius: 110px; cx: 150px; cy: 300px; angle: 0}',
      'oval {major-radius: big; minor-radius: 80px; cx: 360px; cy: 220px; angle: 30}',
      'spot {major-radius: 90px; minor-radius: 70px; cy: 400px; angle: 150}',
      'cx: 20px; cy: 30px; major-radius: 5px',
      'patch {major-radius: 900px; minor-radius: 60px; cx: 900px; cy: 256px; angle: 270}',
    ].join('\n'),
    stage2: ['ball {a red ball}', 'patch {a brown patch with yellow dots}'].join('\n'),
  },
  prose: {
    stage1: [
      'Sure! Here is the layout for your caption:',
      '',
      '```css',
      '- ball {major-radius: 120px; minor-radius: 110px; cx: 150px; cy: 300px; angle: 0}',
      '- oval {major-radius: 160px; minor-radius: 80px; cx: 360px; cy: 220px; angle: 30}',
      '```',
      '',
      'I placed the ball on the left and the oval at the top right {as requested}. Let me know if you want changes!',
    ].join('\n'),
    stage2: ['Here are the descriptions:', '1. ball {a red ball}', '2. oval {a blue oval with yellow stripes}', 'Hope this helps.'].join('\n'),
  },
  fewer: { stage1: GOOD_STAGE1, stage2: ['ball {a red ball}', 'oval {a blue oval with yellow stripes}'].join('\n') },
  // These answer well when they answer at all; the failure is the transport.
  slow: { stage1: GOOD_STAGE1, stage2: GOOD_STAGE2 },
  drop: { stage1: GOOD_STAGE1, stage2: GOOD_STAGE2 },
  'drop-stage2': { stage1: GOOD_STAGE1, stage2: GOOD_STAGE2 },
  ratelimit: { stage1: GOOD_STAGE1, stage2: GOOD_STAGE2 },
  html: { stage1: GOOD_STAGE1, stage2: GOOD_STAGE2 },
};

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  origin: string | undefined;
  /** The parsed JSON body of a POST (undefined otherwise). */
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] } | undefined;
}

export interface FakeChatServerOptions {
  /** Send Access-Control-Allow-* headers (default true). */
  cors?: boolean;
  /** When set, requests need `Authorization: Bearer <key>`; others get 401. */
  requiredKey?: string;
  /** Pause between streamed pieces (default 5 ms). */
  chunkDelayMs?: number;
  /** How long `slow` waits before answering (default 60 s: longer than any test's timeout). */
  slowMs?: number;
}

export interface FakeChatServer {
  origin: string;
  /** The base URL to configure: `${origin}/v1`. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Chat-completions requests only. */
  chatRequests(): RecordedRequest[];
  /** Lets a `gated` answer continue past its first two lines. */
  openGate(): void;
  close(): Promise<void>;
}

/** A pause that never keeps the test process alive. */
const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());

/**
 * Drops the connection mid-answer. A FIN (socket.end) rather than a reset: a reset lets the
 * receiving kernel discard bytes the client has not read yet, so what "arrived" would vary with load.
 */
async function hangUp(res: ServerResponse): Promise<void> {
  await delay(20);
  const socket = res.socket;
  socket?.end();
  setTimeout(() => socket?.destroy(), 1000).unref();
}

function pieces(text: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function completion(model: string, content: string) {
  return { id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}

function chunk(model: string, delta: Record<string, string>, finish: string | null = null) {
  return `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

export async function startFakeChatServer(options: FakeChatServerOptions = {}): Promise<FakeChatServer> {
  const cors = options.cors ?? true;
  const chunkDelayMs = options.chunkDelayMs ?? 5;
  const slowMs = options.slowMs ?? 60_000;
  const requests: RecordedRequest[] = [];
  let releaseGate: () => void = () => undefined;
  const gate = new Promise<void>((done) => (releaseGate = done));

  const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(value));
  };

  const answer = async (res: ServerResponse, record: RecordedRequest) => {
    const body = record.body;
    const model = body?.model ?? '';
    if (options.requiredKey !== undefined && record.authorization !== `Bearer ${options.requiredKey}`) {
      return json(res, 401, { error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const script = SCRIPTS[model];
    if (!script) return json(res, 404, { error: { message: `model "${model}" not found, try pulling it first`, type: 'api_error' } });
    const last = body?.messages?.at(-1)?.content ?? '';
    const stage = last.startsWith(STAGE2_HEADING) ? 2 : 1;
    const content = stage === 2 ? script.stage2 : script.stage1;
    if (model === 'ratelimit') return json(res, 429, { error: { message: 'Rate limit reached for requests', type: 'requests' } }, { 'Retry-After': '7' });
    if (model === 'html') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>');
    if (model === 'slow') {
      // Until the client gives up (closes) or slowMs pass.
      await Promise.race([delay(slowMs), new Promise<void>((done) => res.once('close', () => done()))]);
      if (res.destroyed || res.writableEnded) return;
    }
    const dropNow = model === 'drop' || (model === 'drop-stage2' && stage === 2);
    if (!body?.stream) {
      const text = JSON.stringify(completion(model, content));
      if (dropNow) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(text.length) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        return hangUp(res);
      }
      return json(res, 200, completion(model, content));
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(chunk(model, { role: 'assistant', content: '' }));
    const lines = content.split('\n');
    for (const [index, line] of lines.entries()) {
      if (model === 'gated' && stage === 1 && index === 2) await gate;
      // Cut in the middle of the second line: one complete line has arrived.
      if (dropNow && index === 1) {
        res.write(chunk(model, { content: line.slice(0, 20) }));
        return hangUp(res);
      }
      for (const piece of pieces(index < lines.length - 1 ? `${line}\n` : line)) {
        if (res.destroyed) return;
        res.write(chunk(model, { content: piece }));
        await delay(chunkDelayMs);
      }
    }
    res.write(chunk(model, {}, 'stop'));
    res.end('data: [DONE]\n\n');
  };

  const server: Server = createServer((req, res) => {
    if (cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const record: RecordedRequest = { method: req.method ?? '', path, authorization: header('authorization'), origin: header('origin'), body: undefined };
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') {
        try {
          record.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
        } catch {
          record.body = undefined;
        }
      }
      requests.push(record);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      if (req.method === 'GET' && path === '/v1/models') {
        return json(res, 200, { object: 'list', data: Object.keys(SCRIPTS).map((id) => ({ id, object: 'model' })) });
      }
      if (req.method === 'POST' && path === '/v1/chat/completions') {
        if (record.body === undefined) return json(res, 400, { error: { message: 'body is not JSON' } });
        answer(res, record).catch(() => res.socket?.destroy());
        return;
      }
      json(res, 404, { error: { message: `no route ${req.method ?? ''} ${path}` } });
    });
  });
  const loopback = await listenOnLoopback(server);
  const origin = loopback.origin;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions'),
    openGate: () => releaseGate(),
    close: () => {
      releaseGate();
      return loopback.close();
    },
  };
}
