import { expect, test } from '@playwright/test';
import { EditorPage } from './support/editorPage';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('typed descriptions undo and redo one burst at a time', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.drag({ x: 0.1, y: 0.1 }, { x: 0.4, y: 0.4 });
  await editor.drag({ x: 0.5, y: 0.5 }, { x: 0.9, y: 0.9 });

  const description = page.getByTestId('description-input');
  await editor.blob(1).click();
  await description.click();
  await page.keyboard.type('a red ball');
  await editor.leaveField();
  await editor.blob(2).dblclick(); // double-click goes straight to the description
  await expect(description).toBeFocused();
  await page.keyboard.type('a blue sky');
  await page.waitForTimeout(1600); // a pause (> TYPING_BURST_MS) ends the burst
  await page.keyboard.type(' with clouds');
  await editor.leaveField();

  await editor.undo(); // " with clouds"
  await expect(description).toHaveValue('a blue sky');
  await editor.undo(); // "a blue sky"
  await expect(description).toHaveValue('');
  await editor.undo(); // blob 1's whole description
  await expect(editor.blob(1)).toHaveAttribute('aria-label', 'Blob 1: no description');
  await expect(editor.blobs).toHaveCount(2); // typing undos never undo the drags
  await editor.redo();
  await expect(editor.blob(1)).toHaveAttribute('aria-label', 'Blob 1: a red ball');
  await editor.redo();
  await editor.redo();
  await expect(editor.blob(2)).toHaveAttribute('aria-label', 'Blob 2: a blue sky with clouds');
  // Undo/redo never changed the selection.
  await expect(editor.blob(2)).toHaveAttribute('aria-pressed', 'true');
});

test('the layout survives a reload (autosave to IndexedDB)', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.getByTestId('caption-input').fill('a sunny meadow');
  await editor.drag({ x: 0.1, y: 0.5 }, { x: 0.6, y: 0.9 });
  await page.getByTestId('description-input').fill('green grass');
  await editor.drag({ x: 0.6, y: 0.1 }, { x: 0.9, y: 0.4 });
  await page.getByTestId('description-input').fill('a yellow sun');
  await page.getByRole('button', { name: 'Lock blob 2' }).click();
  const before = await editor.documentJson();
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser');

  await page.reload();
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser');
  await expect(editor.blobs).toHaveCount(2);
  expect(await editor.documentJson()).toEqual(before);
  await expect(page.getByTestId('caption-input')).toHaveValue('a sunny meadow');
});

test('an edit made just before a reload is not lost (flushed at pagehide)', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  for (let count = 1; count <= 3; count++) {
    await page.getByTestId('add-blob').click();
    await page.reload(); // well inside the autosave debounce
    await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser');
    await expect(editor.blobs).toHaveCount(count);
  }
});

/** Writes a raw value into the autosave store, as a damaged or future app version would. */
async function writeStoredValue(page: import('@playwright/test').Page, value: unknown): Promise<void> {
  await page.evaluate(
    (stored) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('blobgen-web');
        request.onupgradeneeded = () => request.result.createObjectStore('autosave');
        request.onerror = () => reject(new Error('open failed'));
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('autosave', 'readwrite');
          tx.objectStore('autosave').put(stored, 'layout');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error('write failed'));
        };
      }),
    value,
  );
}

async function readStoredValue(page: import('@playwright/test').Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('blobgen-web');
        request.onerror = () => reject(new Error('open failed'));
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction('autosave').objectStore('autosave').get('layout');
          get.onsuccess = () => {
            db.close();
            resolve(get.result as unknown);
          };
        };
      }),
  );
}

for (const [name, stored, reason] of [
  ['corrupt', { schemaVersion: 1, document: { caption: 7, blobs: 'lots' } }, 'corrupt'],
  ['garbage', 'this is not a layout {{{', 'corrupt'],
  ['newer-version', { schemaVersion: 999, document: { caption: 'from the future', blobs: [] } }, 'newer-version'],
] as const) {
  test(`a ${name} autosave store shows a message, keeps working and leaves the data untouched`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const editor = new EditorPage(page);
    await editor.open();
    await writeStoredValue(page, stored);
    await page.reload();

    const banner = page.getByTestId('storage-problem');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('data-reason', reason);
    await expect(page.getByTestId('save-status')).toHaveText('Autosave off');

    // The editor still works, and editing does not overwrite what was stored.
    await page.getByTestId('add-blob').click();
    await page.getByTestId('caption-input').fill('new work');
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await page.waitForTimeout(600);
    expect(await readStoredValue(page)).toEqual(stored);

    // Only the explicit choice replaces it.
    await page.getByTestId('replace-stored').click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser');
    await page.reload();
    await expect(page.getByTestId('caption-input')).toHaveValue('new work');
    expect(errors).toEqual([]);
  });
}
