/**
 * Issue 19, per-blob strength as a person uses it: select the red blob, type strength 0 in the
 * inspector, generate again with the same seed, and the red is gone from inside the blob (the
 * other blobs keep their colours). The setting travels in the layout (Copy JSON: version 2).
 */
import { expect, test } from '@playwright/test';
import { canvasPixels, generateAndWait, GENERATION_MS, LAYOUT, openStudio } from './support/studioGeneration';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.setTimeout(GENERATION_MS * 2 + 60_000);

type Pixels = Awaited<ReturnType<typeof canvasPixels>>;

/** Share of the blob's core pixels (ρ ≤ 0.9) whose colour is clearly red. */
function redShare(pixels: Pixels, blob: (typeof LAYOUT.blobs)[number]): number {
  const cos = Math.cos(blob.theta);
  const sin = Math.sin(blob.theta);
  let core = 0;
  let red = 0;
  for (let y = 0; y < pixels.height; y++) {
    for (let x = 0; x < pixels.width; x++) {
      const dx = (x + 0.5) / pixels.width - blob.cx;
      const dy = (y + 0.5) / pixels.height - blob.cy;
      const u = (dx * cos + dy * sin) / blob.a;
      const v = (-dx * sin + dy * cos) / blob.b;
      if (u * u + v * v > 0.81) continue;
      core++;
      const i = (y * pixels.width + x) * 4;
      const [r = 0, g = 0, b = 0] = pixels.data.slice(i, i + 3);
      if (r > 150 && g < 100 && b < 100) red++;
    }
  }
  return red / core;
}

test('strength 0 on a blob removes its colour from the generated image', async ({ page }) => {
  const editor = await openStudio(page);
  const red = LAYOUT.blobs[0];
  if (!red) throw new Error('the shared layout has no red blob');
  await page.getByTestId('seed-lock').check();
  await generateAndWait(page);
  const before = redShare(await canvasPixels(page, 'result-image'), red);

  await page.getByTestId('blob-list-item').filter({ hasText: red.description }).click();
  const strength = page.getByTestId('field-strength');
  await expect(strength).toHaveValue('1.00');
  await strength.fill('0');
  await strength.press('Enter');
  await expect(strength).toHaveValue('0.00');
  const json = (await editor.documentJson()) as unknown as { version: number; blobs: { id: string; strength?: number }[] };
  expect(json.version).toBe(2);
  expect(json.blobs.find((blob) => blob.id === 'red')?.strength).toBe(0);

  await generateAndWait(page);
  const after = redShare(await canvasPixels(page, 'result-image'), red);
  console.log(`red share inside the red blob: strength 1 → ${before.toFixed(3)}, strength 0 → ${after.toFixed(3)}`);
  expect(before).toBeGreaterThan(0.5);
  expect(after).toBeLessThan(0.1);
});
