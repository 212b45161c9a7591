import { expect, test } from '@playwright/test';
import { EditorPage, type BlobNumbers } from './support/editorPage';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Inspector numbers are shown to 3 decimals; a pixel of a ~560 px frame is ~0.002. */
const near = (actual: number, expected: number, tolerance = 0.006) =>
  expect(Math.abs(actual - expected), `${String(actual)} ≈ ${String(expected)}`).toBeLessThanOrEqual(tolerance);

function expectBlob(actual: BlobNumbers, expected: Partial<BlobNumbers>, tolerance?: number) {
  for (const [key, value] of Object.entries(expected) as [keyof BlobNumbers, number][]) near(actual[key], value, tolerance);
}

test('create three blobs by dragging, then move, resize, scale and rotate them', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();

  await editor.drag({ x: 0.1, y: 0.1 }, { x: 0.4, y: 0.3 });
  expectBlob(await editor.inspectorNumbers(), { cx: 0.25, cy: 0.2, a: 0.15, b: 0.1, angle: 0 });
  await editor.drag({ x: 0.5, y: 0.5 }, { x: 0.9, y: 0.7 });
  await editor.drag({ x: 0.1, y: 0.6 }, { x: 0.3, y: 0.9 });
  await expect(editor.blobs).toHaveCount(3);
  expectBlob(await editor.inspectorNumbers(), { cx: 0.2, cy: 0.75, a: 0.1, b: 0.15 });

  // Move blob 1 by its body (pressing it selects it).
  await editor.drag({ x: 0.25, y: 0.2 }, { x: 0.35, y: 0.32 });
  await expect(editor.blob(1)).toHaveAttribute('aria-pressed', 'true');
  expectBlob(await editor.inspectorNumbers(), { cx: 0.35, cy: 0.32, a: 0.15, b: 0.1 });

  // Stretch the +a end right by 0.1: the −a end stays put, so a grows by 0.05 and cx moves 0.05.
  const unit = (await editor.toScreen({ x: 1, y: 0 })).x - (await editor.toScreen({ x: 0, y: 0 })).x;
  const axisA = await editor.handleCentre('axisA');
  await editor.dragScreen(axisA, { x: axisA.x + 0.1 * unit, y: axisA.y });
  expectBlob(await editor.inspectorNumbers(), { cx: 0.4, cy: 0.32, a: 0.2, b: 0.1 });

  // Pull the +b end down by 0.06 with Alt: symmetric, so b becomes exactly that far from the centre.
  const axisB = await editor.handleCentre('axisB');
  await editor.dragScreen(axisB, { x: axisB.x, y: axisB.y + 0.06 * unit }, { modifier: 'Alt' });
  expectBlob(await editor.inspectorNumbers(), { cx: 0.4, cy: 0.32, a: 0.2, b: 0.16 });

  // Corner: uniform scale keeps the aspect ratio a/b.
  const before = await editor.inspectorNumbers();
  const corner = await editor.handleCentre('corner');
  await editor.dragScreen(corner, { x: corner.x + 0.05 * unit, y: corner.y + 0.03 * unit });
  const scaled = await editor.inspectorNumbers();
  expect(scaled.a).toBeGreaterThan(before.a);
  near(scaled.a / scaled.b, before.a / before.b, 0.03);

  // Rotate: carry the knob from the +a direction to straight below the centre → +90° (y down).
  const centre = await editor.toScreen({ x: scaled.cx, y: scaled.cy });
  const knob = await editor.handleCentre('rotate');
  const radius = Math.hypot(knob.x - centre.x, knob.y - centre.y);
  await editor.dragScreen(knob, { x: centre.x, y: centre.y + radius }, { steps: 12 });
  near((await editor.inspectorNumbers()).angle, 90, 1.5);

  // Shift snaps to 15°: aim at ~40° and land on exactly 45°.
  const knob2 = await editor.handleCentre('rotate');
  const target = { x: centre.x + radius * Math.cos((40 * Math.PI) / 180), y: centre.y + radius * Math.sin((40 * Math.PI) / 180) };
  await editor.dragScreen(knob2, target, { steps: 12, modifier: 'Shift' });
  await expect(editor.field('angle')).toHaveValue('45.0');

  // Each gesture was one undo step: undo the snap rotation only.
  await editor.undo();
  near((await editor.inspectorNumbers()).angle, 90, 1.5);
  await editor.redo();
  await expect(editor.field('angle')).toHaveValue('45.0');

  // The canvas carries the same numbers the inspector shows.
  await expect(editor.blobs).toHaveCount(3);
});

test('Esc cancels a drag in progress and leaves no undo step', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.drag({ x: 0.3, y: 0.3 }, { x: 0.6, y: 0.5 });
  const start = await editor.inspectorNumbers();
  const from = await editor.toScreen({ x: 0.45, y: 0.4 });
  const to = await editor.toScreen({ x: 0.8, y: 0.8 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await expect(editor.canvas).toHaveAttribute('data-gesture', 'translating');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  expectBlob(await editor.inspectorNumbers(), start, 0);
  // Undo now takes back the creation (the cancelled move left nothing behind).
  await editor.undo();
  await expect(editor.blobs).toHaveCount(0);
});

test('a drag that leaves the canvas keeps tracking the pointer and does not jump', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.drag({ x: 0.4, y: 0.4 }, { x: 0.6, y: 0.6 });
  const from = await editor.toScreen({ x: 0.5, y: 0.5 });
  const outside = await page.getByTestId('caption-input').boundingBox();
  if (!outside) throw new Error('side panel not visible');
  const back = await editor.toScreen({ x: 0.7, y: 0.45 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(outside.x + 20, outside.y + 10, { steps: 6 }); // over the side panel
  await page.mouse.move(back.x, back.y, { steps: 6 });
  await page.mouse.up();
  expectBlob(await editor.inspectorNumbers(), { cx: 0.7, cy: 0.45, a: 0.1, b: 0.1 });
  await expect(page.getByTestId('caption-input')).toHaveValue('');
});

test('a click on empty canvas deselects without creating a blob; Add blob creates one', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.getByTestId('add-blob').click();
  await expect(editor.blobs).toHaveCount(1);
  const empty = await editor.toScreen({ x: 0.95, y: 0.95 });
  await page.mouse.click(empty.x, empty.y);
  await expect(editor.blobs).toHaveCount(1);
  await expect(page.getByTestId('inspector')).toContainText('Select a blob');
});
