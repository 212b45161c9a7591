/**
 * A deploy during an edit: a second production build (another VITE_BUILD_ID) replaces the first
 * on our own server while the page is open. The update bar appears; the person edits on, presses
 * Reload; the new build runs with every edit in place, and no request answered 404 (the old
 * service worker kept serving the old build's files until the reload).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startAppBuildServer } from './support/appBuildServer';
import { EditorPage } from './support/editorPage';
import { builtAppDir, firstVisit } from './support/pwaApp';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], actionTimeout: 30_000 });
test.setTimeout(300_000);

let secondBuild = '';
test.beforeAll(() => {
  secondBuild = mkdtempSync(join(tmpdir(), 'blobgen-second-build-'));
  // The same sources with another build id: new hashed chunks and a new service worker.
  execFileSync('npx', ['vite', 'build', '--outDir', secondBuild, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, VITE_BUILD_ID: 'pwa-update-second' },
    stdio: 'inherit',
    timeout: 240_000,
  });
});
test.afterAll(() => {
  if (secondBuild) rmSync(secondBuild, { recursive: true, force: true });
});

const mainScript = (html: string) => /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1] ?? '';

test('a new version prompts, keeps every edit through Reload, and no chunk returns 404', async ({ page, context }) => {
  const first = builtAppDir();
  expect(mainScript(readFileSync(join(first, 'index.html'), 'utf8'))).not.toBe(mainScript(readFileSync(join(secondBuild, 'index.html'), 'utf8')));
  const app = await startAppBuildServer(first);
  const notFound: string[] = [];
  context.on('response', (r) => {
    if (r.status() === 404) notFound.push(r.url());
  });
  try {
    await firstVisit(page, app.origin);
    const editor = new EditorPage(page);
    await editor.drag({ x: 0.28, y: 0.3 }, { x: 0.4, y: 0.45 });
    await expect(page.getByTestId('pwa-update-bar')).toHaveCount(0);

    app.deploy(secondBuild);
    // What the browser does on its own on navigations and about daily; the app also asks on
    // tab focus and every hour (src/pwa/registerServiceWorker.ts).
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect(page.getByTestId('pwa-update-bar')).toBeVisible({ timeout: 60_000 });
    // Working on while the prompt is up: nothing reloads by itself.
    await editor.drag({ x: 0.7, y: 0.35 }, { x: 0.6, y: 0.55 });
    await page.getByTestId('caption-input').fill('a plain gray background, edited during the update');
    const beforeReload = await editor.documentJson();

    await Promise.all([page.waitForEvent('load'), page.getByTestId('pwa-reload').click()]);
    await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
    expect(await page.evaluate(() => document.querySelector('script[type="module"]')?.getAttribute('src'))).toBe(mainScript(readFileSync(join(secondBuild, 'index.html'), 'utf8')));
    await expect(page.getByTestId('pwa-update-bar')).toHaveCount(0);
    expect(await editor.documentJson()).toEqual(beforeReload);
    expect(notFound).toEqual([]);
    expect(app.log.filter((line) => line.startsWith('404'))).toEqual([]);
  } finally {
    await app.close();
  }
});
