/**
 * A browser without WebGPU: the studio says plainly that generating needs it, and everything else
 * (editing, dropping a PNG with a layout, the gallery) keeps working.
 */
import { expect, test } from '@playwright/test';
import { embedLayoutInPng } from '../src/png/layoutPngMetadata';
import { makeTestPng } from '../src/png/testPng.fixture';
import { EditorPage } from './support/editorPage';
import { VALID_LAYOUT } from './support/layouts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('without WebGPU the studio explains itself and the rest still works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
  const editor = new EditorPage(page);
  await editor.open();
  await expect(page.getByTestId('generate-unavailable')).toContainText('Generating images needs WebGPU');
  await expect(page.getByTestId('generate-button')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('generate-progress')).toHaveCount(0);

  const png = Buffer.from(embedLayoutInPng(makeTestPng(8, 8), VALID_LAYOUT, { seed: 5, steps: 6, guidance: 1, sampler: 'ddim' })).toString('base64');
  await page.evaluate((base64) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'result.png', { type: 'image/png' }));
    for (const kind of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, png);
  await expect(editor.notice('success').last()).toContainText('Restored 4 blobs');
  expect(await editor.documentJson()).toEqual(VALID_LAYOUT);
  await expect(page.getByTestId('seed-input')).toHaveValue('5');
});
