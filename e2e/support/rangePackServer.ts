/**
 * A model-pack host for download tests, started by a spec on 127.0.0.1: serves a pack folder with
 * HTTP Range (206 + Content-Range) and the CORS headers a cross-site pack needs, logs every
 * request with the Range asked and the bytes it sent, and can misbehave on purpose: drop the
 * connection once a given number of pack bytes went out, slow down, flip a byte, answer a web page
 * instead of a file, cut a file short, serve a broken manifest, or refuse CORS.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { listenOnLoopback } from './loopbackListen';

export interface RangeRequestLog {
  path: string;
  /** Start of the asked range (0 without a Range header). */
  rangeStart: number;
  sentBytes: number;
  dropped: boolean;
}

export interface RangePackFaults {
  /** Destroy the connection once pack-file bytes sent (not the manifest) reach this count; one-shot. Set it with dropAfter(). */
  dropAtTotal?: number;
  /** Send at most this many bytes per second. */
  bytesPerSecond?: number;
  /** Per file: flip its middle byte, answer HTML, or send only its first half (chunked, no Content-Length). */
  corrupt?: Record<string, 'flip' | 'html' | 'truncate'>;
  /** Rewrite the manifest before serving it (text in, text out). */
  manifest?: (text: string) => string;
  /** Send no CORS headers (the browser then refuses the answer). */
  noCors?: boolean;
}

export interface RangePackServer {
  origin: string;
  log: RangeRequestLog[];
  faults: RangePackFaults;
  /** Drop the connection after `bytes` more bytes of pack files went out (one-shot). */
  dropAfter(bytes: number): void;
  close(): Promise<void>;
}

const SLICE = 16 * 1024;

export async function startRangePackServer(rootDir: string): Promise<RangePackServer> {
  const root = resolve(rootDir);
  const log: RangeRequestLog[] = [];
  const faults: RangePackFaults = {};
  let packBytesSent = 0;

  const send = async (res: ServerResponse, body: Buffer, entry: RangeRequestLog, countsForDrop: boolean) => {
    for (let at = 0; at < body.length; at += SLICE) {
      const piece = body.subarray(at, Math.min(body.length, at + SLICE));
      if (countsForDrop && faults.dropAtTotal !== undefined && packBytesSent + piece.length > faults.dropAtTotal) {
        const part = faults.dropAtTotal - packBytesSent;
        if (part > 0) res.write(piece.subarray(0, part));
        entry.sentBytes += Math.max(0, part);
        packBytesSent += Math.max(0, part);
        delete faults.dropAtTotal;
        entry.dropped = true;
        // Let the bytes leave before the connection goes, as when a network drops mid-transfer.
        await new Promise((r) => setTimeout(r, 50));
        res.socket?.destroy();
        return;
      }
      if (!res.write(piece)) await new Promise((r) => res.once('drain', r));
      entry.sentBytes += piece.length;
      if (countsForDrop) packBytesSent += piece.length;
      if (faults.bytesPerSecond) await new Promise((r) => setTimeout(r, (1000 * piece.length) / (faults.bytesPerSecond ?? 1)));
    }
    res.end();
  };

  const server: Server = createServer((req, res) => {
    if (!faults.noCors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Content-Encoding, Accept-Ranges');
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(root, `.${pathname}`);
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end();
    const path = file.slice(root.length + 1);
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const entry: RangeRequestLog = { path, rangeStart: range ? Number(range[1]) : 0, sentBytes: 0, dropped: false };
    log.push(entry);
    readFile(file).then(
      async (content) => {
        const isManifest = path.endsWith('manifest.json');
        if (isManifest && faults.manifest) content = Buffer.from(faults.manifest(content.toString('utf8')));
        const fault = faults.corrupt?.[path];
        if (fault === 'html') {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          return void res.end('<!doctype html><title>Not a pack</title><p>Welcome!</p>');
        }
        if (fault === 'flip') {
          content = Buffer.from(content);
          const middle = content.length >> 1;
          content[middle] = (content[middle] ?? 0) ^ 0xff;
        }
        if (fault === 'truncate') content = content.subarray(0, content.length >> 1);
        const start = Math.min(entry.rangeStart, content.length);
        if (range && start >= content.length) return void res.writeHead(416, { 'Content-Range': `bytes */${content.length}` }).end();
        const body = content.subarray(start);
        const type = isManifest ? 'application/json' : 'application/octet-stream';
        // A truncated file arrives without Content-Length (chunked), so only its end says it is short.
        if (fault === 'truncate') res.writeHead(200, { 'Content-Type': type });
        else if (range) res.writeHead(206, { 'Content-Type': type, 'Content-Length': body.length, 'Content-Range': `bytes ${start}-${content.length - 1}/${content.length}`, 'Accept-Ranges': 'bytes' });
        else res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
        await send(res, body, entry, !isManifest);
      },
      () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
      },
    );
  });
  const loopback = await listenOnLoopback(server);
  return {
    origin: loopback.origin,
    log,
    faults,
    dropAfter: (bytes) => {
      faults.dropAtTotal = packBytesSent + bytes;
    },
    close: () => loopback.close(),
  };
}
