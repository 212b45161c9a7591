/**
 * PNGs with an embedded layout, dropped onto the app like a person drags a file from the desktop
 * (a real DataTransfer with a File, dispatched as dragenter/dragover/drop). Needs no model: the
 * PNG is built here with the app's own writer (src/png), exactly as the Download button does.
 */
import { expect, test, type Page } from '@playwright/test';
import { serializeLayoutJson } from '../src/layout/layoutJson';
import { embedLayoutInPng } from '../src/png/layoutPngMetadata';
import { readPngChunks, writePngChunks } from '../src/png/pngChunks';
import { makeItxtChunk } from '../src/png/pngTextChunk';
import { makeTestPng } from '../src/png/testPng.fixture';
import { EditorPage } from './support/editorPage';
import { HOSTILE_FILES, VALID_LAYOUT } from './support/layouts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const SETTINGS = { seed: 3141592653, steps: 17, guidance: 4.25, sampler: 'dpmpp-2m' };

function layoutPng(layout: unknown = VALID_LAYOUT, settings: unknown = SETTINGS): Buffer {
  return Buffer.from(embedLayoutInPng(makeTestPng(8, 8), layout, settings as typeof SETTINGS));
}

function pngWithMetadataText(text: string): Buffer {
  const chunks = readPngChunks(makeTestPng());
  return Buffer.from(writePngChunks([...chunks.slice(0, -1), makeItxtChunk('blobgen-layout', text), ...chunks.slice(-1)]));
}

async function dropFile(page: Page, name: string, bytes: Buffer, type: string): Promise<void> {
  await page.evaluate(
    ([fileName, base64, mime]) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: mime }));
      const target = document.querySelector('[data-testid="editor-canvas"]') ?? document.body;
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    [name, bytes.toString('base64'), type] as const,
  );
}

async function studioSettings(page: Page) {
  return {
    seed: await page.getByTestId('seed-input').inputValue(),
    locked: await page.getByTestId('seed-lock').isChecked(),
    steps: await page.getByTestId('steps-input').inputValue(),
    guidance: await page.getByTestId('guidance-input').inputValue(),
    sampler: await page.getByTestId('sampler-select').inputValue(),
  };
}

const EXPECTED_SETTINGS = { seed: '3141592653', locked: true, steps: '17', guidance: '4.25', sampler: 'dpmpp-2m' };

test('dropping a downloaded PNG restores the exact layout and settings, as one undo step', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.getByTestId('caption-input').fill('something else entirely');
  await editor.leaveField();
  const before = await editor.documentJson();

  await dropFile(page, 'blobgen-seed3141592653.png', layoutPng(), 'image/png');
  await expect(editor.notice('success').last()).toContainText('Restored 4 blobs and the settings');
  expect(await editor.documentJson()).toEqual(VALID_LAYOUT);
  expect(await studioSettings(page)).toEqual(EXPECTED_SETTINGS);

  await editor.undo();
  expect(await editor.documentJson()).toEqual(before);
});

test('the layout round-trips byte-exactly through the PNG (serialised JSON is identical)', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await dropFile(page, 'image.png', layoutPng(), 'image/png');
  await expect(editor.notice('success').last()).toContainText('Restored 4 blobs');
  const restored = await editor.documentJson();
  expect(serializeLayoutJson(restored as never)).toBe(serializeLayoutJson(VALID_LAYOUT as never));
});

test('a PNG without a layout gets a clear message and changes nothing', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await dropFile(page, 'scene.json', Buffer.from(JSON.stringify(VALID_LAYOUT)), 'application/json');
  await expect(page.getByTestId('blob-list-item')).toHaveCount(4);
  const before = await editor.documentJson();
  const settingsBefore = await studioSettings(page);

  await dropFile(page, 'holiday.png', Buffer.from(makeTestPng(8, 8)), 'image/png');
  await expect(editor.notice('error').last()).toContainText('This image has no layout: the file “holiday.png” was not downloaded from BlobGEN Web.');
  expect(await editor.documentJson()).toEqual(before);
  expect(await studioSettings(page)).toEqual(settingsBefore);
});

test('hostile PNG and JSON drops change nothing', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await dropFile(page, 'good.png', layoutPng(), 'image/png');
  await expect(editor.notice('success').last()).toContainText('Restored 4 blobs');
  const before = await editor.documentJson();
  const settingsBefore = await studioSettings(page);

  const envelope = (layout: unknown, settings: unknown = SETTINGS) => JSON.stringify({ format: 'blobgen-png', version: 1, layout, settings });
  const good = layoutPng();
  const hostilePngs: [string, Buffer][] = [
    ['truncated.png', good.subarray(0, good.length - 40)],
    ['flipped-crc.png', Buffer.from(good.map((b, i) => (i === good.length - 60 ? b ^ 0xff : b)))],
    ['not-a-png.png', Buffer.from(JSON.stringify(VALID_LAYOUT))],
    ['garbage-metadata.png', pngWithMetadataText('{not json')],
    ['negative-radius.png', pngWithMetadataText(envelope({ ...VALID_LAYOUT, blobs: [{ ...VALID_LAYOUT.blobs[0], a: -1 }] }))],
    ['newer-version.png', pngWithMetadataText(envelope({ ...VALID_LAYOUT, version: 9 }))],
    ['hostile-settings.png', pngWithMetadataText(envelope(VALID_LAYOUT, { ...SETTINGS, steps: 1e12, seed: -4 }))],
    ['deep-nesting.png', pngWithMetadataText(`{"format":"blobgen-png","version":1,"layout":${'['.repeat(20000)}${']'.repeat(20000)}}`)],
    ['prototype.png', pngWithMetadataText(`{"format":"blobgen-png","version":1,"settings":${JSON.stringify(SETTINGS)},"layout":{"__proto__":{"format":"blobgen-layout","version":1,"caption":"p","blobs":[]}}}`)],
  ];
  for (const [name, bytes] of hostilePngs) {
    await dropFile(page, name, bytes, 'image/png');
    await expect(editor.notice('error').last(), name).toContainText(name);
    expect(await editor.documentJson(), name).toEqual(before);
    expect(await studioSettings(page), name).toEqual(settingsBefore);
  }
  await dropFile(page, 'photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]), 'image/jpeg');
  await expect(editor.notice('error').last()).toContainText('JPEG image without a layout');
  for (const [label, text] of HOSTILE_FILES.slice(0, 5)) {
    await dropFile(page, `${label}.json`, Buffer.from(text), 'application/json');
    await expect(editor.notice('error').last(), label).toContainText('Nothing was imported');
    expect(await editor.documentJson(), label).toEqual(before);
  }
  expect(await studioSettings(page)).toEqual(settingsBefore);
});
