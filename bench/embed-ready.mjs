// Embed widget benchmark:  node bench/embed-ready.mjs [--runs=8] [--no-build] [--port=4186]
// Builds the app (with the host origin on VITE_EMBED_ORIGINS), serves it with `vite preview`,
// serves a host page on another origin (port + 10) and measures, side by side:
//   mount → ready  = BlobGenEmbed.mount() call → its promise resolves (iframe created, embed.html
//                    and its scripts loaded, the widget's UI rendered, hello/ready exchanged)
//   iframe load    = a plain <iframe src=embed.html> created → its load event (the floor: the
//                    same page and scripts without the handshake)
// each cold (a fresh browser context: empty HTTP cache) and warm (same context, cached), and the
// loader script's size (raw, gzip -9, brotli) as built into the folder served.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build, preview } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, resolveChromiumPath } from '../scripts/chromium-path.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const runs = Number(args.runs ?? 8);
const port = Number(args.port ?? 4186);
const hostPort = port + 10;
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('./out/embed-dist', import.meta.url));
const appOrigin = `http://127.0.0.1:${port}`;
const hostOrigin = `http://127.0.0.1:${hostPort}`;

if (!('no-build' in args)) {
  process.env.VITE_EMBED_ORIGINS = hostOrigin;
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}
const loader = await readFile(`${outDir}/embed.js`);
const sizes = {
  raw: loader.length,
  gzip: gzipSync(loader, { level: 9 }).length,
  brotli: brotliCompressSync(loader, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};

const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><script src="${appOrigin}/embed.js"></script></head><body><div id="slot"></div></body></html>`;
const host = createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(hostPage));
await new Promise((resolve) => host.listen(hostPort, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: chromiumArgs, headless: true });

async function mountToReady(page) {
  return page.evaluate(async () => {
    const slot = document.getElementById('slot');
    slot.replaceChildren();
    const start = performance.now();
    const widget = await window.BlobGenEmbed.mount(slot, {});
    const ms = performance.now() - start;
    widget.destroy();
    return ms;
  });
}

async function plainIframeLoad(page) {
  return page.evaluate(async (app) => {
    const slot = document.getElementById('slot');
    slot.replaceChildren();
    const start = performance.now();
    const iframe = document.createElement('iframe');
    iframe.src = `${app}/embed.html`;
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    slot.append(iframe);
    await loaded;
    const ms = performance.now() - start;
    iframe.remove();
    return ms;
  }, appOrigin);
}

/** A fresh context (empty HTTP cache) on the host page. */
async function freshHostPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hostOrigin}/`);
  return { context, page };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

try {
  // Cold: each measurement in its own fresh context, so neither is helped by the other's downloads.
  const cold = [];
  for (let i = 0; i < runs; i += 1) {
    const a = await freshHostPage();
    const ready = await mountToReady(a.page);
    await a.context.close();
    const b = await freshHostPage();
    const load = await plainIframeLoad(b.page);
    await b.context.close();
    cold.push({ ready, load });
  }
  const { context, page } = await freshHostPage();
  await mountToReady(page); // fills the cache
  const warm = [];
  for (let i = 0; i < runs; i += 1) warm.push({ ready: await mountToReady(page), load: await plainIframeLoad(page) });
  await context.close();

  const row = (name, samples) => {
    const ready = median(samples.map((s) => s.ready));
    const load = median(samples.map((s) => s.load));
    return `| ${name.padEnd(5)} | ${ready.toFixed(0).padStart(13)} | ${load.toFixed(0).padStart(14)} | ${(ready / load).toFixed(2).padStart(13)} |`;
  };
  console.log(`\nEmbed widget, ${runs} runs each, medians (ms); Chromium ${browser.version()}, app ${appOrigin}, host ${hostOrigin}\n`);
  console.log('| cache | mount → ready | iframe load ev | ready / load  |');
  console.log('| ----- | ------------- | -------------- | ------------- |');
  console.log(row('cold', cold));
  console.log(row('warm', warm));
  console.log(`\nLoader /embed.js: ${sizes.raw} bytes raw, ${sizes.gzip} gzip -9, ${sizes.brotli} brotli -11`);
} finally {
  await browser.close();
  await new Promise((resolve) => host.close(resolve));
  await new Promise((resolve) => server.httpServer.close(resolve));
}
