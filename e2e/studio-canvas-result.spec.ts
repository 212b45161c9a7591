/**
 * The generated image on the editor canvas, with the default pack on the real WebGPU (SwiftShader
 * here; this spec fails, never skips, without an adapter): the live preview while it runs, the
 * result afterwards, drawn inside the frame under the blob outlines with its pixels exactly the
 * result's, its opacity, the layout toggle (key H) and the before/after compare shared with the
 * panel's slider.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { GENERATION_MS, canvasPixels, openStudio } from './support/studioGeneration';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], actionTimeout: 30_000 });
test.setTimeout(600_000);

/** Generates with few steps (speed) and waits until it is done. */
async function generate(page: Page): Promise<void> {
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('generate-progress')).toBeVisible();
  await expect(page.getByTestId('generate-progress')).toBeHidden({ timeout: GENERATION_MS });
  await expect(page.getByTestId('run-outcome')).toHaveCount(0);
}

/** What is on screen at a normalised image point, read back from a screenshot (RGBA). */
async function screenColourAt(page: Page, point: { x: number; y: number }): Promise<number[]> {
  const at = await page.getByTestId('editor-canvas').evaluate((svg, p) => {
    const screen = new DOMPoint(p.x * 1000, p.y * 1000).matrixTransform((svg as SVGSVGElement).getScreenCTM() ?? new DOMMatrix());
    return { x: Math.round(screen.x), y: Math.round(screen.y) };
  }, point);
  const png = await page.screenshot({ clip: { x: at.x, y: at.y, width: 1, height: 1 }, animations: 'disabled', caret: 'hide' });
  return page.evaluate(async (base64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    return Array.from(context.getImageData(0, 0, 1, 1).data);
  }, png.toString('base64'));
}

test('after Generate the result is on the canvas, under the outlines; opacity, the H key and the before/after compare work', async ({ page }) => {
  const editor = await openStudio(page);
  await page.getByTestId('steps-input').fill('4');
  await expect(page.getByTestId('canvas-result')).toHaveCount(0); // nothing generated yet

  // The live preview: seen on the canvas while the run goes (a MutationObserver, so no frame is missed).
  await page.evaluate(() => {
    const w = window as unknown as { __canvasKinds: string[] };
    w.__canvasKinds = [];
    new MutationObserver(() => {
      const kind = document.querySelector('[data-testid="canvas-result"]')?.getAttribute('data-kind');
      if (kind && w.__canvasKinds.at(-1) !== kind) w.__canvasKinds.push(kind);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await generate(page);
  const kinds = await page.evaluate(() => (window as unknown as { __canvasKinds: string[] }).__canvasKinds);
  expect(kinds).toEqual(['preview', 'result']);

  const onCanvas = page.getByTestId('canvas-result');
  await expect(onCanvas).toBeVisible();
  await expect(onCanvas).toHaveAttribute('data-kind', 'result');
  // Its pixels are the result's, exactly (the panel's result canvas holds the same image).
  const first = await canvasPixels(page, 'result-image');
  const shown = await canvasPixels(page, 'canvas-result');
  expect(shown.width).toBe(first.width);
  expect(shown.height).toBe(first.height);
  expect(shown.data).toEqual(first.data);
  expect(new Set(first.data).size).toBeGreaterThan(10); // a real picture, not a blank canvas

  // Inside the canvas, filling the image frame, under the blob outlines.
  const geometry = await page.getByTestId('editor-canvas').evaluate((svg) => {
    const result = svg.querySelector('[data-testid="canvas-result"]');
    const frame = svg.querySelector('.frame-border');
    const firstBlob = svg.querySelector('[data-testid="canvas-blob"]');
    if (!result || !frame || !firstBlob) throw new Error('missing canvas parts');
    const r = result.getBoundingClientRect();
    const f = frame.getBoundingClientRect();
    return {
      inside: svg.contains(result),
      blobsAfter: Boolean(result.compareDocumentPosition(firstBlob) & Node.DOCUMENT_POSITION_FOLLOWING),
      offsets: [r.left - f.left, r.top - f.top, r.right - f.right, r.bottom - f.bottom].map((d) => Math.abs(d)),
      rendering: getComputedStyle(result).imageRendering,
      shownWidth: r.width,
    };
  });
  expect(geometry.inside).toBe(true);
  expect(geometry.blobsAfter).toBe(true);
  for (const offset of geometry.offsets) expect(offset).toBeLessThan(2); // the frame's stroke is ~1 px
  // A 64² image shown hundreds of pixels wide: nearest-neighbour.
  expect(geometry.shownWidth).toBeGreaterThan(first.width * 2);
  expect(geometry.rendering).toBe('pixelated');
  // A blob's outline is on top: pressing its centre hits the blob, not the image.
  const blobCentre = await editor.toScreen({ x: 0.28, y: 0.3 });
  expect(await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.closest('[data-blob-id]')?.getAttribute('data-blob-id') ?? null, blobCentre)).toBe('red');

  // What a person sees away from the blobs (top-left corner; the messages float at the bottom,
  // so they are dismissed first) is the image's own colour.
  await editor.dismissNotices();
  const model = { x: 3, y: 3 };
  const point = { x: (model.x + 0.5) / first.width, y: (model.y + 0.5) / first.height };
  const expected = first.data.slice((model.y * first.width + model.x) * 4, (model.y * first.width + model.x) * 4 + 3);
  const seen = (await screenColourAt(page, point)).slice(0, 3);
  for (let c = 0; c < 3; c += 1) expect(Math.abs((seen[c] ?? -1) - (expected[c] ?? 0))).toBeLessThanOrEqual(3);

  // Opacity: a real keyboard on the slider. At 0 the white frame shows through.
  const opacity = page.getByTestId('canvas-result-opacity');
  await opacity.focus();
  await page.keyboard.press('Home');
  await expect(opacity).toHaveValue('0');
  const stageOpacity = () => onCanvas.evaluate((canvas) => getComputedStyle(canvas.parentElement as Element).opacity);
  expect(await stageOpacity()).toBe('0');
  const white = (await screenColourAt(page, point)).slice(0, 3);
  for (const c of white) expect(c).toBeGreaterThanOrEqual(250);
  await page.keyboard.press('End');
  expect(await stageOpacity()).toBe('1');
  await page.keyboard.press('ArrowLeft'); // 95 %
  expect(await stageOpacity()).toBe('0.95');
  await page.keyboard.press('End');

  // H hides the layout (the outlines go, the image stays) and shows it again; it is not an edit.
  const layoutBefore = await editor.documentJson();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('h');
  await expect(editor.blobs).toHaveCount(0);
  await expect(page.getByTestId('canvas-layout-toggle')).not.toBeChecked();
  await expect(onCanvas).toBeVisible();
  await page.keyboard.press('h');
  await expect(editor.blobs).toHaveCount(3);
  await expect(page.getByTestId('canvas-layout-toggle')).toBeChecked();
  expect(await editor.documentJson()).toEqual(layoutBefore);
  // Typing an "h" into a description is typing, not the toggle.
  await page.getByTestId('caption-input').press('End');
  await page.keyboard.type('h');
  await expect(editor.blobs).toHaveCount(3);
  await page.getByTestId('caption-input').press('Backspace');
  await editor.leaveField();

  // A second image (a new seed): the compare on the canvas shows the first left of the split.
  await generate(page);
  const second = await canvasPixels(page, 'result-image');
  expect(second.data).not.toEqual(first.data);
  expect((await canvasPixels(page, 'canvas-result')).data).toEqual(second.data);
  await page.getByTestId('canvas-compare-toggle').check();
  await expect(page.getByTestId('canvas-result-before')).toBeVisible();
  expect((await canvasPixels(page, 'canvas-result-before')).data).toEqual(first.data);
  const clip = () => onCanvas.evaluate((canvas) => getComputedStyle(canvas).clipPath);
  expect(await clip()).toBe('inset(0px 0px 0px 50%)');
  // Left of the split the first image shows, right of it the second.
  await editor.dismissNotices();
  const leftModel = { x: 3, y: 3 };
  const rightModel = { x: first.width - 4, y: 3 };
  const colourOf = (image: typeof first, at: { x: number; y: number }) => image.data.slice((at.y * image.width + at.x) * 4, (at.y * image.width + at.x) * 4 + 3);
  const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= 3);
  expect(near((await screenColourAt(page, { x: (leftModel.x + 0.5) / first.width, y: (leftModel.y + 0.5) / first.height })).slice(0, 3), colourOf(first, leftModel))).toBe(true);
  expect(near((await screenColourAt(page, { x: (rightModel.x + 0.5) / first.width, y: (rightModel.y + 0.5) / first.height })).slice(0, 3), colourOf(second, rightModel))).toBe(true);

  // The panel's slider and the canvas's move together, both ways.
  const panelSlider = page.getByTestId('compare-slider');
  await panelSlider.focus();
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowLeft');
  await expect(panelSlider).toHaveValue('45');
  await expect(page.getByTestId('canvas-compare-slider')).toHaveValue('45');
  expect(await clip()).toBe('inset(0px 0px 0px 45%)');
  await page.getByTestId('canvas-compare-slider').focus();
  await page.keyboard.press('Home');
  await expect(panelSlider).toHaveValue('0');
  expect(await clip()).toBe('inset(0px 0px 0px 0%)');
  // The image, its controls and the compare: no serious axe findings on the whole page.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await test.info().attach('canvas-result.png', { body: await page.screenshot(), contentType: 'image/png' });
});
