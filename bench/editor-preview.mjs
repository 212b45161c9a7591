// Shared by the editor scripts (drag benchmark, screenshot): a production build of the app in
// bench/out/editor-dist, served by `vite preview`, and a Chromium from scripts/chromium-path.mjs.
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, resolveChromiumPath } from '../scripts/chromium-path.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('./out/editor-dist', import.meta.url));

/** Builds (unless skipBuild), serves and launches; returns { baseUrl, browser, close }. */
export async function startEditor({ skipBuild = false, port = 4180, extraArgs = [] } = {}) {
  if (!skipBuild) await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
  const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: [...chromiumArgs, ...extraArgs], headless: true });
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.httpServer.close(resolve));
    },
  };
}

/** A Layout JSON with `count` blobs on a grid, as a base64url `?layout=` value. */
export function gridLayoutParam(count, describe = (i) => `blob number ${i + 1}`) {
  const columns = Math.ceil(Math.sqrt(count));
  const cell = 1 / columns;
  const blobs = Array.from({ length: count }, (_, i) => ({
    id: `b${i}`,
    cx: (0.5 + (i % columns)) * cell,
    cy: (0.5 + Math.floor(i / columns)) * cell,
    a: cell * 0.45,
    b: cell * 0.3,
    theta: ((i * 23) % 180) * (Math.PI / 180) - Math.PI / 2,
    description: describe(i),
  }));
  const layout = { format: 'blobgen-layout', version: 1, caption: 'benchmark layout', blobs };
  return Buffer.from(JSON.stringify(layout), 'utf8').toString('base64url');
}
