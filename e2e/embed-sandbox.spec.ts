/**
 * Where hosts put the widget: without cross-origin isolation (no COOP/COEP, so ORT runs
 * single-threaded wasm), inside sandbox="allow-scripts allow-same-origin", and in an opaque-origin
 * sandbox (no allow-same-origin), where it must say what is missing instead of failing silently.
 */
import { expect, test } from '@playwright/test';
import { ALLOWED_HOST_ORIGIN } from './support/embedHostOrigin';
import { serveEmbedHost } from './support/serveEmbedHost';
import { mountWidget, openHost, recordedEvents, watchErrors, widgetFrame, widgetFrameHandle } from './support/embedWidget';
import { LAYOUT } from './support/studioGeneration';

test.setTimeout(600_000);

const site = serveEmbedHost();

test('inside sandbox="allow-scripts allow-same-origin", without cross-origin isolation, the widget generates', async ({ page }) => {
  await openHost(page, ALLOWED_HOST_ORIGIN);
  expect(await mountWidget(page, { layout: LAYOUT, sandbox: 'allow-scripts allow-same-origin' })).toMatchObject({ ok: true });
  const errors = await watchErrors(page);
  await expect(page.locator('iframe[title="BlobGEN layout widget"]')).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin');
  const frame = await widgetFrameHandle(page);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
  expect(await frame.evaluate(() => ({ isolated: window.crossOriginIsolated, sab: typeof SharedArrayBuffer }))).toEqual({ isolated: false, sab: 'undefined' });
  // Nothing is missing in this sandbox (the ready event reaches a handler registered after mount, too).
  await expect.poll(async () => (await recordedEvents(page, 'ready')).map((e) => e.event)).toEqual([{ readOnly: false, missing: [] }]);

  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { __widget: { generate(o: unknown): Promise<{ png: Blob; width: number; height: number; seed: number }> } }).__widget.generate({ seed: 9, steps: 2 });
    return { type: r.png.type, width: r.width, height: r.height, seed: r.seed };
  });
  expect(result).toEqual({ type: 'image/png', width: 64, height: 64, seed: 9 });
  await expect(widgetFrame(page).getByTestId('embed-result')).toBeVisible();
  expect(await errors()).toEqual([]);
});

test('an opaque-origin sandbox: the loader refuses it with a reason, and the frame itself says what is missing', async ({ page }) => {
  await openHost(page, ALLOWED_HOST_ORIGIN);
  const refused = await mountWidget(page, { sandbox: 'allow-scripts' });
  expect(refused.ok).toBe(false);
  expect(refused.error?.name).toBe('EmbedOptionsError');
  expect(refused.error?.message).toContain('lacks allow-same-origin');
  await expect(page.locator('iframe')).toHaveCount(0);

  // A host that builds the frame by hand with that sandbox.
  await page.evaluate((app) => {
    const iframe = document.createElement('iframe');
    iframe.title = 'BlobGEN layout widget';
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.src = `${app}/embed.html`;
    document.getElementById('widget-slot')?.append(iframe);
  }, site.appOrigin);
  const notice = widgetFrame(page).getByTestId('embed-missing');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('IndexedDB');
  await expect(notice).toContainText('Cache Storage');
  await expect(notice).toContainText('allow-same-origin');
});

test('a browser without WebGPU: the widget says generating needs it, and generate() rejects with WebGPUNotAvailableError', async ({ page }) => {
  // Hides WebGPU from every frame's window (the widget's cross-origin frame included).
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
  await openHost(page, ALLOWED_HOST_ORIGIN);
  expect(await mountWidget(page, { layout: LAYOUT })).toMatchObject({ ok: true });
  const errors = await watchErrors(page);
  await expect(widgetFrame(page).getByTestId('embed-no-webgpu')).toContainText('Generating images needs WebGPU');
  const outcome = await page.evaluate(async () => {
    try {
      await (window as unknown as { __widget: { generate(o: unknown): Promise<unknown> } }).__widget.generate({ seed: 1 });
      return { name: 'resolved', message: '' };
    } catch (error) {
      return { name: (error as Error).name, message: (error as Error).message };
    }
  });
  expect(outcome.name).toBe('WebGPUNotAvailableError');
  expect(outcome.message).toContain('needs WebGPU');
  await expect(widgetFrame(page).getByTestId('embed-outcome')).toContainText('needs WebGPU');
  // Editing still works.
  expect(await page.evaluate(() => (window as unknown as { __widget: { setLayout(l: unknown): Promise<{ warnings: string[] }> } }).__widget.setLayout({ caption: 'still editable', blobs: [] }))).toMatchObject({ warnings: [] });
  await expect(widgetFrame(page).getByTestId('embed-caption')).toHaveValue('still editable');
  expect(await errors()).toEqual([]);
});
