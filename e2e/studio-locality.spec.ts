/**
 * Issue 6, "locality of same-seed edits", as the app does it by default: seed locked, "Keep
 * unedited areas" on, ten blob moves, each regenerated. At least 80 % of the changed pixel mass
 * must fall inside the moved blob's old ∪ new ellipses dilated by 10 %. (The model alone, with
 * keep-unedited off, is measured by `npm run bench:locality`.)
 */
import { expect, test } from '@playwright/test';
import { measureMoveLocality } from './support/editLocalityRun';
import { generateAndWait, openStudio } from './support/studioGeneration';

// documentJson() reads the layout through the app's Copy JSON button and the clipboard.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.setTimeout(900_000);

test('with the seed locked, moving one blob changes the image only around its old and new place', async ({ page }) => {
  const editor = await openStudio(page);
  await page.getByTestId('seed-lock').check();
  await expect(page.getByTestId('keep-unedited')).toBeChecked();
  await generateAndWait(page);
  const summary = await measureMoveLocality(page, editor);
  console.log(`same-seed edit locality (keep unedited areas): ${JSON.stringify(summary)}`);
  await test.info().attach('edit-locality.json', { body: JSON.stringify(summary, null, 2), contentType: 'application/json' });
  for (const figure of summary.figures) expect(figure.note).toMatch(/Repainted only the edited blobs \(2 regions\)/);
  await expect(page.getByTestId('compare-view')).toBeVisible();
  expect(summary.pooledShare).toBeGreaterThanOrEqual(0.8);
});
