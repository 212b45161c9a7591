/**
 * A real static HTTP server for model packs that the production build does not ship
 * (test-packs/ is not under public/): started by a spec on 127.0.0.1 at a free port, with the
 * CORS headers a pack host needs (docs/sd-packs.md), so the app loads it cross-origin exactly as
 * it would load a user's pack. Serves files only inside `root`; GET, HEAD and the CORS preflight.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { listenOnLoopback } from './loopbackListen';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.data': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

export interface StaticPackServer {
  origin: string;
  /** Paths requested so far (e.g. to check that nothing was fetched). */
  requests: string[];
  close(): Promise<void>;
}

export async function startStaticPackServer(rootDir: string): Promise<StaticPackServer> {
  const root = resolve(rootDir);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', '*');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(pathname);
    const file = resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
    stat(file).then(
      (info) => {
        if (!info.isFile()) return void res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
        if (req.method === 'HEAD') return void res.end();
        createReadStream(file).pipe(res);
      },
      () => void res.writeHead(404).end(),
    );
  });
  const loopback = await listenOnLoopback(server);
  return { origin: loopback.origin, requests, close: () => loopback.close() };
}
