import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './support/editorPage';
import { VALID_LAYOUT } from './support/layouts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

test('axe finds no serious or critical violations: empty editor, a layout with a selection, a message', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  expect(await seriousViolations(page)).toEqual([]);

  await editor.open(`?layout=${encodeURIComponent(JSON.stringify(VALID_LAYOUT))}`);
  await expect(editor.blobs).toHaveCount(3); // one is hidden
  await editor.blob(1).focus();
  await editor.field('a').fill('-1'); // an inline error is showing
  await expect(page.getByTestId('field-a-error')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('every blob on the canvas is focusable and labelled with its index and description', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open(`?layout=${encodeURIComponent(JSON.stringify(VALID_LAYOUT))}`);
  await expect(editor.blobs).toHaveCount(3);
  const labels = await editor.blobs.evaluateAll((nodes) =>
    nodes.map((node) => [node.getAttribute('aria-label'), node.getAttribute('tabindex')]),
  );
  expect(labels).toEqual([
    ['Blob 1: a grey fabric sofa', '0'],
    ['Blob 2: a brass floor lamp, warm light (locked)', '0'],
    ['Blob 4: a sleeping ginger cat', '0'],
  ]);
  // Focus is visible: the focused blob draws its focus ring.
  await editor.blob(1).focus();
  await page.keyboard.press('Tab');
  const ringStroke = (index: number) =>
    editor.blob(index).locator('.blob-focus-ring').evaluate((node) => getComputedStyle(node).stroke);
  expect(await ringStroke(2)).not.toBe('none');
  expect(await ringStroke(1)).toBe('none');
});
