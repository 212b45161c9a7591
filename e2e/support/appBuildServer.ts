/**
 * A real HTTP server for a production build of the app, started by a PWA spec on 127.0.0.1: it
 * can switch to another build folder while pages stay open (a deploy), and stop (the site goes
 * away; with the browser offline, only the service worker can answer). Unknown paths answer
 * index.html to navigations, like the preview server; everything it answered is logged.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { listenOnLoopback } from './loopbackListen';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface AppBuildServer {
  origin: string;
  /** Serve another build from now on (the deploy of a new version). */
  deploy(rootDir: string): void;
  /** `status path` of every answer, in order. */
  log: string[];
  close(): Promise<void>;
}

export async function startAppBuildServer(rootDir: string, port = 0): Promise<AppBuildServer> {
  let root = resolve(rootDir);
  const log: string[] = [];
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const answer = (status: number, file?: string) => {
      log.push(`${status} ${pathname}`);
      if (!file) return void res.writeHead(status).end();
      res.writeHead(status, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      createReadStream(file).pipe(res);
    };
    const file = resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return answer(403);
    stat(file).then(
      (info) => (info.isFile() ? answer(200, file) : answer(200, join(root, 'index.html'))),
      () => ((req.headers.accept ?? '').includes('text/html') ? answer(200, join(root, 'index.html')) : answer(404)),
    );
  });
  const loopback = await listenOnLoopback(server, port);
  return {
    origin: loopback.origin,
    deploy: (dir) => {
      root = resolve(dir);
    },
    log,
    close: () => loopback.close(),
  };
}
