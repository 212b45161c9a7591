/**
 * The chosen pack is what Generate uses, and the choice survives a reload: a pack added by URL
 * (served by our own Range server under another name), downloaded, chosen, then generated with
 * after a reload while its server is gone (it is read from the pack store). A pack picked as a
 * local folder is copied into the store, verified and ready. Needs WebGPU (SwiftShader here).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { addPackByUrl, openModels, packCard, TINY_PACK_DIR } from './support/modelManager';
import { startRangePackServer } from './support/rangePackServer';
import { generateAndWait, openStudio } from './support/studioGeneration';

test.use({ actionTimeout: 30_000 });
test.setTimeout(300_000);

test('a pack chosen in the model manager persists and is the one Generate uses, also with its server gone', async ({ page }) => {
  const server = await startRangePackServer(TINY_PACK_DIR);
  try {
    server.faults.manifest = (text) => JSON.stringify({ ...JSON.parse(text), name: 'tiny-shapes-copy' });
    await openStudio(page);
    await expect(page.getByTestId('pack-summary')).toContainText('Model: blobgen-tiny-shapes');
    const baseUrl = `${server.origin}/`;
    const card = await addPackByUrl(page, baseUrl);
    await card.getByTestId('pack-download').click();
    await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    const axe = await new AxeBuilder({ page }).include('[data-testid="model-manager"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await card.getByTestId('pack-use').click();
    await expect(card.getByTestId('pack-status')).toContainText('used by Generate');
    await expect(page.getByTestId('pack-summary')).toContainText('Model: tiny-shapes-copy');

    await server.close();
    await page.reload();
    await expect(page.getByTestId('pack-summary')).toContainText('Model: tiny-shapes-copy');
    await expect(packCard(page, baseUrl).getByTestId('pack-status')).toContainText('used by Generate');
    await generateAndWait(page);
    await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  } finally {
    await server.close();
  }
});

test('a pack picked as a local folder is copied into the store, verified and ready', async ({ page }) => {
  await openStudio(page);
  await openModels(page);
  await page.getByTestId('add-pack-folder').setInputFiles(TINY_PACK_DIR);
  const card = page.locator('[data-testid="model-pack"][data-base-url*="/local-packs/blobgen-tiny-shapes-"]');
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(card).toContainText('from folder blobgen-tiny-shapes');
  await card.getByTestId('pack-remove').click();
  await expect(card).toHaveCount(0);
});
