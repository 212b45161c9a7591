/**
 * Same-seed edit locality (issue 6): with the seed locked, move one blob, regenerate, and measure
 * the share of the changed pixel mass that falls inside the union of the old and new ellipses
 * (dilated by 10 % of their radii), over ten edits. A measurement of the model, so it lives with
 * the benchmarks (`npm run bench:locality`) and prints the figure; the target is ≥ 0.8.
 */
import { expect, test } from '@playwright/test';
import { measureEditLocality, type EllipseGeometry } from '../src/studio/fidelity/editLocality';
import { canvasPixels, generateAndWait, openStudio } from '../e2e/support/studioGeneration';

test.setTimeout(1_800_000);

test('same-seed edits are local: moving one blob changes the image mostly inside its old and new regions', async ({ page }) => {
  const editor = await openStudio(page);
  await page.getByTestId('seed-lock').check();
  await generateAndWait(page);
  // Ten moves, each of one blob, each regenerated with the same seed.
  const moves: [number, number, number][] = [
    [0, 0.08, 0.05], [1, -0.07, 0.06], [2, 0.1, -0.04], [0, -0.05, 0.1], [1, 0.05, -0.08],
    [2, -0.12, 0.02], [0, 0.06, -0.09], [1, -0.04, 0.09], [2, 0.08, 0.05], [0, -0.1, -0.04],
  ];
  const figures: { blob: number; share: number; changedMass: number }[] = [];
  let pooledInside = 0;
  let pooledChanged = 0;
  for (const [index, dx, dy] of moves) {
    const beforeDoc = await editor.documentJson();
    const old = beforeDoc.blobs[index] as unknown as EllipseGeometry;
    const beforePixels = await canvasPixels(page, 'result-image');
    await editor.drag({ x: old.cx, y: old.cy }, { x: old.cx + dx, y: old.cy + dy });
    const moved = (await editor.documentJson()).blobs[index] as unknown as EllipseGeometry;
    expect(Math.hypot(moved.cx - old.cx, moved.cy - old.cy)).toBeGreaterThan(0.03);
    await generateAndWait(page);
    const afterPixels = await canvasPixels(page, 'result-image');
    const locality = measureEditLocality(
      { ...beforePixels, data: Uint8ClampedArray.from(beforePixels.data) },
      { ...afterPixels, data: Uint8ClampedArray.from(afterPixels.data) },
      [old, moved],
    );
    figures.push({ blob: index, share: locality.share, changedMass: locality.changedMass });
    pooledInside += locality.insideMass;
    pooledChanged += locality.changedMass;
  }
  const pooled = pooledChanged === 0 ? 1 : pooledInside / pooledChanged;
  const mean = figures.reduce((s, f) => s + f.share, 0) / figures.length;
  const summary = { edits: figures.length, pooledShare: pooled, meanShare: mean, minShare: Math.min(...figures.map((f) => f.share)), figures };
  console.log(`same-seed edit locality: ${JSON.stringify(summary)}`);
  await test.info().attach('edit-locality.json', { body: JSON.stringify(summary, null, 2), contentType: 'application/json' });
  await expect(page.getByTestId('compare-view')).toBeVisible();
  expect(pooled).toBeGreaterThanOrEqual(0.8);
});
