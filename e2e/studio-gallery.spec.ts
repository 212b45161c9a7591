/**
 * The gallery is IndexedDB-backed: an item put there (as a generation would) survives reloads,
 * restores its layout and settings, and can be deleted or cleared. Needs no model: the item is
 * written into the app's gallery database from the page, the way GalleryStorage stores it.
 */
import { expect, test, type Page } from '@playwright/test';
import { embedLayoutInPng } from '../src/png/layoutPngMetadata';
import { makeTestPng } from '../src/png/testPng.fixture';
import { EditorPage } from './support/editorPage';
import { VALID_LAYOUT } from './support/layouts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const SETTINGS = { seed: 424242, steps: 12, guidance: 2.5, sampler: 'ddim' };

/** Writes gallery items straight into IndexedDB (database "blobgen-gallery", store "items"). */
async function seedGallery(page: Page, items: { id: string; createdAt: number; seed: number }[]): Promise<void> {
  const png = Buffer.from(embedLayoutInPng(makeTestPng(8, 8), VALID_LAYOUT, SETTINGS)).toString('base64');
  await page.evaluate(
    async ([entries, pngBase64, layoutJson, settings]) => {
      const bytes = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('blobgen-gallery');
        open.onupgradeneeded = () => open.result.createObjectStore('items');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      const tx = db.transaction('items', 'readwrite');
      for (const entry of entries) {
        const image = new Blob([bytes], { type: 'image/png' });
        tx.objectStore('items').put({ id: entry.id, createdAt: entry.createdAt, layoutJson, settings: { ...settings, seed: entry.seed }, image, thumbnail: image }, entry.id);
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      db.close();
    },
    [items, png, JSON.stringify(VALID_LAYOUT), SETTINGS] as const,
  );
}

test('gallery items survive a reload and restore their exact layout and settings', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await expect(page.getByTestId('gallery-panel')).toContainText('Generated images appear here');
  await seedGallery(page, [
    { id: 'older', createdAt: 1_700_000_000_000, seed: 11 },
    { id: 'newer', createdAt: 1_700_000_100_000, seed: 424242 },
  ]);
  await page.reload();
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toHaveAttribute('data-seed', '424242'); // newest first
  await expect(items.first()).toContainText('seed 424242 · 12 steps · guidance 2.5 · ddim');
  await expect(items.first().locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);

  await items.first().getByTestId('gallery-restore').click();
  await expect(page.getByTestId('gallery-feedback')).toContainText('Restored the layout and settings of seed 424242');
  expect(await editor.documentJson()).toEqual(VALID_LAYOUT);
  await expect(page.getByTestId('seed-input')).toHaveValue('424242');
  await expect(page.getByTestId('seed-lock')).toBeChecked();
  await expect(page.getByTestId('steps-input')).toHaveValue('12');

  // Deleting one persists too.
  await items.first().getByTestId('gallery-delete').click();
  await expect(items).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  await expect(page.getByTestId('gallery-item')).toHaveAttribute('data-seed', '11');
});

test('clear all asks first, and a confirmed clear survives a reload', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await seedGallery(page, [
    { id: 'a', createdAt: 1, seed: 1 },
    { id: 'b', createdAt: 2, seed: 2 },
    { id: 'c', createdAt: 3, seed: 3 },
  ]);
  await page.reload();
  await expect(page.getByTestId('gallery-item')).toHaveCount(3);
  await page.getByTestId('gallery-clear').click();
  await expect(page.getByTestId('gallery-clear-confirm')).toContainText('Delete all 3 images');
  await page.keyboard.press('Enter'); // focus starts on "Keep them": Enter must not delete
  await expect(page.getByTestId('gallery-item')).toHaveCount(3);
  await page.getByTestId('gallery-clear').click();
  await page.getByTestId('gallery-clear-yes').click();
  await expect(page.getByTestId('gallery-item')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('gallery-panel')).toContainText('Generated images appear here');
});

test('a damaged gallery record is reported and left alone; the rest still load', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await seedGallery(page, [{ id: 'good', createdAt: 5, seed: 5 }]);
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('blobgen-gallery');
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction('items', 'readwrite');
    tx.objectStore('items').put({ id: 'bad', settings: { seed: 'x' }, image: 'not a blob' }, 'bad');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
  await page.reload();
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  await expect(page.getByTestId('gallery-problem')).toContainText('1 gallery item(s) could not be read');
});
