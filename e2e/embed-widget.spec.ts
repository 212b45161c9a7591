/**
 * The embed widget on a real third-party page: a host page on another origin (its own HTTP
 * server, e2e/support/embedHostServer.ts) loads /embed.js with a plain <script src> and mounts
 * the widget. Generation uses the default pack on the real WebGPU (SwiftShader here): it fails,
 * never skips, without an adapter or the pack.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readLayoutFromPng } from '../src/png/layoutPngMetadata';
import { ALLOWED_HOST_ORIGIN } from './support/embedHostOrigin';
import { serveEmbedHost } from './support/serveEmbedHost';
import { WIDGET_FRAME, hostGetLayout, mountWidget, openHost, recordedEvents, watchErrors, widgetFrame } from './support/embedWidget';
import { LAYOUT } from './support/studioGeneration';

test.setTimeout(600_000);
test.use({ actionTimeout: 30_000 });

serveEmbedHost();

/** The pack's own image size, from its manifest (what every PNG must have). */
async function packImageSize(): Promise<{ width: number; height: number }> {
  const manifest = JSON.parse(await readFile('public/models/blobgen-tiny-shapes/manifest.json', 'utf8')) as { image: { width: number; height: number } };
  return manifest.image;
}

/** IHDR width and height of a PNG. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  // The scan must have gone into the cross-origin widget frame (its nodes' targets are [frame, node]).
  const insideFrame = results.passes.flatMap((rule) => rule.nodes).filter((node) => node.target.length > 1);
  expect(insideFrame.length).toBeGreaterThan(10);
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('mount, setLayout, generate: a PNG of the pack’s size with the layout inside, progress on the way; cancel stops a generation', async ({ page }) => {
  await openHost(page, ALLOWED_HOST_ORIGIN);
  const mounted = await mountWidget(page, { height: 'auto' });
  expect(mounted).toMatchObject({ ok: true });
  console.log(`mount → ready: ${mounted.ms.toFixed(0)} ms (first load of the widget in a fresh browser context)`);
  const errors = await watchErrors(page);
  const frame = widgetFrame(page);

  // height 'auto': the frame grows to its content (the widget reports its height).
  const contentHeight = () => frame.locator('#root').evaluate((root) => Math.ceil(root.getBoundingClientRect().height));
  await expect.poll(async () => Math.abs((await page.locator(WIDGET_FRAME).evaluate((f) => f.getBoundingClientRect().height)) - (await contentHeight()))).toBeLessThanOrEqual(1);

  const applied = await page.evaluate((layout) => (window as unknown as { __widget: { setLayout(l: unknown): Promise<unknown> } }).__widget.setLayout(layout), LAYOUT);
  expect(applied).toEqual({ layout: { caption: LAYOUT.caption, blobs: LAYOUT.blobs }, warnings: [] });
  await expect(frame.getByTestId('canvas-blob')).toHaveCount(3);
  expect(await hostGetLayout(page)).toEqual({ caption: LAYOUT.caption, blobs: LAYOUT.blobs });

  const result = await page.evaluate(async () => {
    const widget = (window as unknown as { __widget: { generate(o: unknown): Promise<{ png: Blob; seed: number; width: number; height: number; layout: unknown }> } }).__widget;
    const r = await widget.generate({ seed: 1234, steps: 4 });
    return { bytes: Array.from(new Uint8Array(await r.png.arrayBuffer())), type: r.png.type, seed: r.seed, width: r.width, height: r.height, layout: r.layout };
  });
  const bytes = Uint8Array.from(result.bytes);
  await test.info().attach('embed-result.png', { body: Buffer.from(bytes), contentType: 'image/png' });
  const size = await packImageSize();
  expect(result).toMatchObject({ type: 'image/png', seed: 1234, width: size.width, height: size.height, layout: { caption: LAYOUT.caption, blobs: LAYOUT.blobs } });
  expect(pngSize(bytes)).toEqual(size);
  const embedded = readLayoutFromPng(bytes);
  expect(embedded.ok && embedded.settings).toMatchObject({ seed: 1234, steps: 4 });

  const progress = (await recordedEvents(page, 'progress')).map((e) => e.event);
  // The first Generate on this site loads the pack (with progress), then reports each step.
  expect(progress.some((p) => p.stage === 'load')).toBe(true);
  expect(progress.filter((p) => p.stage === 'step').map((p) => p.step)).toEqual([1, 2, 3, 4]);
  expect(progress.every((p) => p.requestId !== undefined)).toBe(true);
  expect(await recordedEvents(page, 'result')).toHaveLength(1);
  await expect(frame.getByTestId('embed-result')).toBeVisible();

  // Cancel: a long generation stops soon after cancel() and rejects with the engine's error name.
  const outcome = page.evaluate(async () => {
    const widget = (window as unknown as { __widget: { generate(o: unknown): Promise<unknown> } }).__widget;
    try {
      await widget.generate({ seed: 5, steps: 200 });
      return { name: 'resolved', message: '' };
    } catch (error) {
      return { name: (error as Error).name, message: (error as Error).message };
    }
  });
  await expect.poll(async () => (await recordedEvents(page, 'progress')).filter((e) => e.event.stage === 'step' && e.event.steps === 200).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
  const cancelled = await page.evaluate(() => (window as unknown as { __widget: { cancel(): Promise<unknown> } }).__widget.cancel());
  expect(cancelled).toEqual({ cancelled: true });
  expect(await outcome).toMatchObject({ name: 'GenerationCancelledError' });
  const lastStep = Math.max(...(await recordedEvents(page, 'progress')).filter((e) => e.event.steps === 200).map((e) => Number(e.event.step)));
  console.log(`cancel: the 200-step generation stopped after step ${String(lastStep)}`);
  expect(lastStep).toBeLessThan(200);
  await expect(frame.getByTestId('embed-outcome')).toHaveText('Cancelled.');
  expect(await errors()).toEqual([]);
});

test('editing in the widget: a real drag reports layoutchange, the widget’s own Generate reports progress and result', async ({ page }) => {
  await openHost(page, ALLOWED_HOST_ORIGIN);
  expect(await mountWidget(page, { layout: LAYOUT })).toMatchObject({ ok: true });
  const frame = widgetFrame(page);
  await expect(frame.getByTestId('canvas-blob')).toHaveCount(3);

  const blob = frame.locator('[data-testid="canvas-blob"][data-index="1"] .blob-body');
  const box = await blob.boundingBox();
  if (!box) throw new Error('blob 1 is not on screen');
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i += 1) await page.mouse.move(start.x + 5 * i, start.y + 3 * i);
  await page.mouse.up();
  await expect.poll(async () => (await recordedEvents(page, 'layoutchange')).length).toBeGreaterThan(0);
  const moved = (await hostGetLayout(page)).blobs[0];
  expect(moved?.cx).toBeGreaterThan((LAYOUT.blobs[0]?.cx ?? NaN) + 0.02);
  const lastChange = (await recordedEvents(page, 'layoutchange')).at(-1)?.event as { layout: { blobs: { cx: number }[] } };
  expect(lastChange.layout.blobs[0]?.cx).toBe(moved?.cx);

  // Typing a description and a caption in the widget.
  await blob.click();
  await frame.getByTestId('embed-description').fill('a red blob with blue dots');
  await frame.getByTestId('embed-caption').fill('a plain white background');
  await expect.poll(async () => (await hostGetLayout(page)).caption).toBe('a plain white background');
  expect((await hostGetLayout(page)).blobs[0]?.description).toBe('a red blob with blue dots');

  await frame.getByTestId('embed-generate').click();
  await expect(frame.getByTestId('embed-progress')).toBeVisible();
  await expect.poll(async () => (await recordedEvents(page, 'result')).length, { timeout: 300_000 }).toBe(1);
  const result = (await recordedEvents(page, 'result'))[0]?.event as { png: { type: string; size: number }; width: number; layout: { caption: string } };
  expect(result.png.type).toBe('image/png');
  expect(result.png.size).toBeGreaterThan(100);
  expect(result.layout.caption).toBe('a plain white background');
  // Events of the widget's own button carry no request id.
  expect((await recordedEvents(page, 'progress')).every((e) => e.event.requestId === undefined)).toBe(true);
  await expect(frame.getByTestId('embed-result')).toBeVisible();
});

test('read-only, dark theme and a chosen set of controls; the embedded widget passes an axe scan', async ({ page }) => {
  await openHost(page, ALLOWED_HOST_ORIGIN);
  expect(await mountWidget(page, { layout: LAYOUT, readOnly: true, theme: 'dark', controls: ['description', 'generate', 'progress'], height: 640 })).toMatchObject({ ok: true });
  const frame = widgetFrame(page);
  await expect(frame.getByTestId('canvas-blob')).toHaveCount(3);
  await expect(page.locator(WIDGET_FRAME)).toHaveCSS('height', '640px');
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(frame.getByTestId('embed-caption')).toHaveCount(0);
  await expect(frame.getByTestId('embed-generate')).toBeVisible();

  // A drag on a read-only canvas moves nothing; pressing a blob selects it and shows its description.
  const blob = frame.locator('[data-testid="canvas-blob"][data-index="2"] .blob-body');
  const box = await blob.boundingBox();
  if (!box) throw new Error('blob 2 is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 30, { steps: 6 });
  await page.mouse.up();
  expect(await hostGetLayout(page)).toEqual({ caption: LAYOUT.caption, blobs: LAYOUT.blobs });
  expect(await recordedEvents(page, 'layoutchange')).toEqual([]);
  await expect(frame.getByTestId('embed-description')).toContainText(LAYOUT.blobs[1]?.description ?? '(missing)');
  await expect(frame.locator('input')).toHaveCount(0);
  await expect(frame.locator('.handle')).toHaveCount(0);

  expect(await seriousViolations(page)).toEqual([]);

  // The default (editable, light) widget with a selection passes too.
  await page.evaluate(() => (window as unknown as { __widget: { destroy(): void } }).__widget.destroy());
  await expect(page.locator(WIDGET_FRAME)).toHaveCount(0);
  expect(await mountWidget(page, { layout: LAYOUT })).toMatchObject({ ok: true });
  await widgetFrame(page).locator('[data-testid="canvas-blob"][data-index="1"]').focus();
  await expect(widgetFrame(page).getByTestId('embed-description')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
