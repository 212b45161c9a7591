/**
 * Offline after the first visit, with a real service worker on the production build served by
 * our own server (e2e/support/appBuildServer.ts): the first Generate stores the default pack and
 * says so; then the server stops and the browser goes offline, and a reload still brings the app
 * and the last layout back, and editing and generating with the default pack work.
 * Needs WebGPU (SwiftShader here) and public/models/blobgen-tiny-shapes; fails without them.
 */
import { expect, test } from '@playwright/test';
import { startAppBuildServer } from './support/appBuildServer';
import { EditorPage } from './support/editorPage';
import { builtAppDir, firstVisit } from './support/pwaApp';
import { generateAndWait } from './support/studioGeneration';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], actionTimeout: 30_000 });
test.setTimeout(600_000);

test('offline: server stopped and browser offline → reload → the last layout is there, editing and generating work', async ({ page, context }) => {
  const app = await startAppBuildServer(builtAppDir());
  try {
    await firstVisit(page, app.origin);
    const editor = new EditorPage(page);
    await generateAndWait(page);
    await expect(page.getByTestId('default-pack-stored')).toBeVisible();
    // An edit before going offline: the red blob moves.
    await editor.drag({ x: 0.28, y: 0.3 }, { x: 0.4, y: 0.45 });
    await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser');
    const edited = await editor.documentJson();

    await app.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
    expect(await editor.documentJson()).toEqual(edited);
    // Editing offline (the green blob), then Generate with the stored default pack.
    await editor.drag({ x: 0.45, y: 0.74 }, { x: 0.55, y: 0.8 });
    const offlineEdit = await editor.documentJson();
    expect(offlineEdit).not.toEqual(edited);
    await generateAndWait(page);
    await expect(page.getByTestId('gallery-item')).toHaveCount(2);
  } finally {
    await context.setOffline(false);
    await app.close();
  }
});

test('offline: /embed.html is answered by the embed page (#17), never by the app’s index.html', async ({ page, context }) => {
  const app = await startAppBuildServer(builtAppDir());
  try {
    await firstVisit(page, app.origin);
    await app.close();
    await context.setOffline(true);
    await page.goto(`${app.origin}/embed.html`);
    await expect(page).toHaveTitle('BlobGEN layout widget');
    await page.goto(`${app.origin}/some/deep/link`);
    await expect(page).toHaveTitle('BlobGEN Web');
  } finally {
    await context.setOffline(false);
    await app.close();
  }
});

test('installable: the web manifest names the app, standalone, with regular and maskable icons that load', async ({ page, request }) => {
  const app = await startAppBuildServer(builtAppDir());
  try {
    await page.goto(`${app.origin}/`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await request.get(new URL(href ?? '', app.origin).href)).json()) as {
      name: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ name: 'BlobGEN Web', display: 'standalone', start_url: '.' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.icons.filter((i) => i.purpose === 'maskable').map((i) => i.sizes)).toEqual(['192x192', '512x512']);
    expect(manifest.icons.filter((i) => i.purpose === 'any').map((i) => i.sizes)).toEqual(['192x192', '512x512']);
    for (const icon of manifest.icons) {
      const response = await request.get(new URL(icon.src, new URL(href ?? '', app.origin)).href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('image/png');
    }
  } finally {
    await app.close();
  }
});
