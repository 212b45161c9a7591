/**
 * Same-seed edit locality (issue 6) of the model itself and of the app's default local edits,
 * side by side on the same ten moves: first with "Keep unedited areas" off (plain same-seed
 * regeneration, BlobGEN's claim), then on (blended sampling, src/engine/localEdit.ts). Prints
 * both pooled shares; `npm run bench:locality`. The e2e suite asserts the app's figure.
 */
import { test } from '@playwright/test';
import { measureMoveLocality } from '../e2e/support/editLocalityRun';
import { generateAndWait, openStudio } from '../e2e/support/studioGeneration';

// documentJson() reads the layout through the app's Copy JSON button and the clipboard.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.setTimeout(1_800_000);

for (const keepUnedited of [false, true]) {
  test(`same-seed edit locality, keep unedited areas ${keepUnedited ? 'on' : 'off'}`, async ({ page }) => {
    const editor = await openStudio(page);
    await page.getByTestId('seed-lock').check();
    await page.getByTestId('keep-unedited').setChecked(keepUnedited);
    await generateAndWait(page);
    const summary = await measureMoveLocality(page, editor);
    console.log(`same-seed edit locality, keep unedited ${keepUnedited ? 'on' : 'off'}: pooled ${summary.pooledShare.toFixed(3)}, mean ${summary.meanShare.toFixed(3)}, min ${summary.minShare.toFixed(3)}`);
    console.log(JSON.stringify(summary.figures.map((f) => [f.blob, Number(f.share.toFixed(3))])));
  });
}
