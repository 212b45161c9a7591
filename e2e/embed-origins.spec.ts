/**
 * Origin checks with real origins: the same host page served at http://127.0.0.1:<hostPort> (on
 * the e2e build's VITE_EMBED_ORIGINS) and at http://localhost:<hostPort> (not on it). Commands
 * from the page that is not allowed have no effect and get no reply; the allowed page, doing the
 * very same, gets answers (so the first check can fail).
 */
import { expect, test, type Page } from '@playwright/test';
import { ALLOWED_HOST_ORIGIN, DISALLOWED_HOST_ORIGIN } from './support/embedHostOrigin';
import { serveEmbedHost } from './support/serveEmbedHost';
import { openHost, mountWidget, widgetFrame } from './support/embedWidget';
import { LAYOUT } from './support/studioGeneration';

test.setTimeout(180_000);

const site = serveEmbedHost();

/**
 * Puts embed.html in a plain iframe (no loader), sends hello, setLayout and generate from the host
 * page, and returns every message the host window received from the frame within `waitMs`.
 */
async function commandByHand(page: Page, waitMs: number) {
  return page.evaluate(
    async ({ app, layout, waitMs }) => {
      const received: unknown[] = [];
      window.addEventListener('message', (event) => received.push({ origin: event.origin, data: event.data as unknown }));
      const iframe = document.createElement('iframe');
      iframe.title = 'BlobGEN layout widget';
      iframe.src = `${app}/embed.html`;
      document.getElementById('widget-slot')?.append(iframe);
      await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      // Give the widget's module time to start listening, then command it, twice over.
      for (let round = 0; round < 2; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const target = iframe.contentWindow;
        target?.postMessage({ blobgen: 1, kind: 'hello', id: `h${String(round)}` }, app);
        target?.postMessage({ blobgen: 1, kind: 'setLayout', id: `s${String(round)}`, payload: { layout } }, app);
        target?.postMessage({ blobgen: 1, kind: 'generate', id: `g${String(round)}`, payload: { seed: 1, steps: 2 } }, app);
        target?.postMessage({ blobgen: 1, kind: 'getLayout', id: `l${String(round)}` }, app);
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      return received;
    },
    { app: site.appOrigin, layout: LAYOUT, waitMs },
  );
}

test('a page on an origin that is not on the allowlist: its commands have no effect and get no reply', async ({ page }) => {
  await openHost(page, DISALLOWED_HOST_ORIGIN);
  expect(await page.evaluate(() => window.location.origin)).toBe(DISALLOWED_HOST_ORIGIN);
  const received = await commandByHand(page, 3000);
  expect(received).toEqual([]);
  const frame = widgetFrame(page);
  await expect(frame.getByTestId('editor-canvas')).toBeVisible(); // the widget runs; it just does not obey
  await expect(frame.getByTestId('canvas-blob')).toHaveCount(0);
  await expect(frame.getByTestId('embed-progress')).toHaveCount(0);
  await expect(frame.getByTestId('embed-caption')).toHaveValue('');

  // Through the loader: mount() never hears `ready` and says why.
  await page.evaluate(() => document.getElementById('widget-slot')?.replaceChildren());
  const mounted = await mountWidget(page, { timeoutMs: 2500 });
  expect(mounted.ok).toBe(false);
  expect(mounted.error?.name).toBe('EmbedConnectionError');
  expect(mounted.error?.message).toContain(DISALLOWED_HOST_ORIGIN);
  expect(mounted.error?.message).toContain('VITE_EMBED_ORIGINS');
  // A failed mount removes its frame.
  await expect(page.locator('iframe')).toHaveCount(0);
});

test('the allowed page doing the same gets answers, from the app’s exact origin, and the layout applies', async ({ page }) => {
  await openHost(page, ALLOWED_HOST_ORIGIN);
  const received = (await commandByHand(page, 1500)) as { origin: string; data: { kind: string; id?: string } }[];
  expect(received.length).toBeGreaterThan(0);
  expect(new Set(received.map((m) => m.origin))).toEqual(new Set([site.appOrigin]));
  const answered = new Set(received.map((m) => `${m.data.kind}:${String(m.data.id)}`));
  expect(answered).toContain('ready:h0');
  expect(answered).toContain('reply:s0');
  expect(answered).toContain('reply:l1');
  await expect(widgetFrame(page).getByTestId('canvas-blob')).toHaveCount(3);
});

test('a frame that is not the widget’s parent cannot command it, even on an allowed origin', async ({ page }) => {
  await openHost(page, ALLOWED_HOST_ORIGIN);
  expect(await mountWidget(page)).toMatchObject({ ok: true });
  // A sibling frame of the same (allowed) origin posts to the widget: event.source is not the parent.
  const received = await page.evaluate(
    async ({ app, layout }) => {
      const got: unknown[] = [];
      const sibling = document.createElement('iframe');
      sibling.title = 'sibling';
      document.body.append(sibling);
      const widgetWindow = document.querySelector<HTMLIFrameElement>('iframe[title="BlobGEN layout widget"]')?.contentWindow;
      // Any answer to request "x", wherever it would go (the widget itself still reports its size to its parent).
      const answersX = (data: unknown) => typeof data === 'object' && data !== null && (data as { id?: unknown }).id === 'x';
      sibling.contentWindow?.addEventListener('message', (event) => got.push(event.data));
      window.addEventListener('message', (event) => {
        if (event.source === widgetWindow && answersX(event.data)) got.push(event.data);
      });
      // Run the postMessage call inside the sibling's realm so that it is the message's source.
      (sibling.contentWindow as unknown as { eval(code: string): unknown }).eval(
        `parent.document.querySelector('iframe[title="BlobGEN layout widget"]').contentWindow.postMessage(${JSON.stringify({ blobgen: 1, kind: 'setLayout', id: 'x', payload: { layout } })}, ${JSON.stringify(app)})`,
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return got;
    },
    { app: site.appOrigin, layout: LAYOUT },
  );
  expect(received).toEqual([]);
  await expect(widgetFrame(page).getByTestId('canvas-blob')).toHaveCount(0);
});
