/**
 * A real third-party page for the embed specs: an HTTP server on 127.0.0.1 at EMBED_HOST_PORT
 * (another origin than the app) serving one host page that loads the app's /embed.js with a
 * plain <script src>, exactly as docs/embed.md tells a site to. Reached as 127.0.0.1 it is the
 * allowed origin; reached as localhost it is not.
 */
import { createServer, type Server } from 'node:http';
import { EMBED_HOST_PORT } from './embedHostOrigin';
import { listenOnLoopback } from './loopbackListen';

export interface EmbedHostServer {
  close(): Promise<void>;
}

function hostPage(appOrigin: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>A host site with the BlobGEN widget</title>
    <script src="${appOrigin}/embed.js"></script>
  </head>
  <body>
    <main>
      <h1>Someone else's page</h1>
      <div id="widget-slot"></div>
    </main>
  </body>
</html>`;
}

export async function startEmbedHost(appOrigin: string): Promise<EmbedHostServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET') return void res.writeHead(405).end();
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path !== '/') return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(hostPage(appOrigin));
  });
  const loopback = await listenOnLoopback(server, EMBED_HOST_PORT);
  return { close: () => loopback.close() };
}
