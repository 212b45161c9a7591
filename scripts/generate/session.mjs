// A headless Chromium page running the app's own inference worker (same code as the UI), served
// by a Vite dev server on loopback. Used by the generate CLI, the adherence check and bench/.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, resolveChromiumPath } from '../chromium-path.mjs';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const HARNESS_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>BlobGEN automation</title></head>
<body><script type="module" src="/src/automation/automationHarness.ts"></script></body></html>`;

const TYPES = { '.json': 'application/json', '.onnx': 'application/octet-stream', '.png': 'image/png' };

/** Serves a local pack folder at /__pack/ and the harness page at /__harness/. */
function automationPlugin(packDir) {
  return {
    name: 'blobgen-automation',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname === '/__harness/' || url.pathname === '/__harness/index.html') {
          server.transformIndexHtml(url.pathname, HARNESS_HTML).then((html) => {
            res.setHeader('content-type', 'text/html');
            res.end(html);
          }, next);
          return;
        }
        if (packDir && url.pathname.startsWith('/__pack/')) {
          const file = resolve(packDir, decodeURIComponent(url.pathname.slice('/__pack/'.length)));
          if (!file.startsWith(resolve(packDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
            res.statusCode = 404;
            res.end('not found');
            return;
          }
          res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
          res.setHeader('content-length', statSync(file).size);
          createReadStream(file).pipe(res);
          return;
        }
        next();
      });
    },
  };
}

/** The default pack: the one folder under public/models/ with a manifest.json (served at /models/<name>/). */
export function defaultPackDir() {
  const models = join(repoRoot, 'public', 'models');
  const names = existsSync(models) ? readdirSync(models).filter((n) => existsSync(join(models, n, 'manifest.json'))).sort() : [];
  if (names.length === 0) throw new Error('No model pack in public/models/; pass --pack <folder or URL>.');
  return join(models, names[0]);
}

/** Where the page loads the pack from: URLs pass through; folders are served at /__pack/. */
export function packLocation(pack) {
  if (/^https?:\/\//.test(pack)) return { packDir: null, packUrl: pack };
  const dir = resolve(pack.endsWith('manifest.json') ? join(pack, '..') : pack);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} has no manifest.json`);
  return { packDir: dir, packUrl: '/__pack/' };
}

export async function openSession({ pack, log = () => {}, headless = true, path = '/__harness/', ready = () => document.body.dataset.harness === 'ready' } = {}) {
  const { packDir, packUrl } = packLocation(pack ?? defaultPackDir());
  const server = await createServer({
    root: repoRoot,
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    plugins: [automationPlugin(packDir)],
  });
  await server.listen();
  const address = server.httpServer?.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: chromiumArgs, headless });
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`[browser ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => log(`[page error] ${e.message}`));
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(ready, null, { timeout: 180_000 });
  const close = async () => {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  };
  return { page, origin, packUrl, packDir, close };
}
