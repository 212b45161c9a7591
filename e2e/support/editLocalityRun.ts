/**
 * Same-seed edit locality (issue 6), measured like a person would produce it: with the seed
 * locked, drag one blob, regenerate, and compare the result with the previous one. Each edit's
 * figure is the share of the changed pixel mass (Σ|Δ| over RGB) inside the union of the moved
 * blob's old and new ellipses dilated by 10 % (src/studio/fidelity/editLocality.ts); the pooled
 * share divides the summed inside mass by the summed changed mass over all edits.
 */
import { expect, type Page } from '@playwright/test';
import { measureEditLocality, type EllipseGeometry } from '../../src/studio/fidelity/editLocality';
import type { EditorPage } from './editorPage';
import { canvasPixels, generateAndWait } from './studioGeneration';

/** Ten moves (blob index into LAYOUT, dx, dy); the centres never end up under another blob. */
export const LOCALITY_MOVES: readonly (readonly [number, number, number])[] = [
  [0, 0.08, 0.05], [1, -0.07, 0.06], [2, 0.1, -0.04], [0, -0.05, 0.1], [1, 0.05, -0.08],
  [2, -0.12, 0.02], [0, 0.06, -0.09], [1, -0.04, 0.09], [2, 0.08, 0.05], [0, -0.1, -0.04],
];

export interface LocalitySummary {
  edits: number;
  pooledShare: number;
  meanShare: number;
  minShare: number;
  figures: { blob: number; share: number; changedMass: number; note: string }[];
}

/** Runs the moves on an open studio whose seed is locked and whose first image exists. */
export async function measureMoveLocality(page: Page, editor: EditorPage, moves = LOCALITY_MOVES): Promise<LocalitySummary> {
  const figures: LocalitySummary['figures'] = [];
  let pooledInside = 0;
  let pooledChanged = 0;
  for (const [index, dx, dy] of moves) {
    const old = (await editor.documentJson()).blobs[index] as unknown as EllipseGeometry;
    const beforePixels = await canvasPixels(page, 'result-image');
    await editor.dismissNotices(); // the "Copied" confirmation sits over the lower canvas
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
    const note = (await page.getByTestId('local-edit-note').count()) > 0 ? ((await page.getByTestId('local-edit-note').textContent()) ?? '') : '';
    figures.push({ blob: index, share: locality.share, changedMass: locality.changedMass, note });
    pooledInside += locality.insideMass;
    pooledChanged += locality.changedMass;
  }
  const shares = figures.map((f) => f.share);
  return {
    edits: figures.length,
    pooledShare: pooledChanged === 0 ? 1 : pooledInside / pooledChanged,
    meanShare: shares.reduce((s, v) => s + v, 0) / shares.length,
    minShare: Math.min(...shares),
    figures,
  };
}
