import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { EditorPage } from './support/editorPage';
import { HOSTILE_FILES, VALID_LAYOUT } from './support/layouts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

async function openWithLayout(editor: EditorPage) {
  await editor.open(`?layout=${base64url(JSON.stringify(VALID_LAYOUT))}`);
  await expect(editor.page.getByTestId('blob-list-item')).toHaveCount(4);
  await expect(editor.notice('success')).toContainText('Imported 4 blobs');
  await expect(editor.page).toHaveURL(/\/$/); // the parameter is consumed
}

test('a ?layout= link (base64url) imports the layout, then JSON export → re-import is identical', async ({ page }) => {
  const editor = new EditorPage(page);
  await openWithLayout(editor);
  const exported = await editor.documentJson();
  expect(exported).toEqual(VALID_LAYOUT);

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('download-json').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('blobgen-layout.json');
  const fileText = await readFile(await download.path(), 'utf8');
  expect(JSON.parse(fileText)).toEqual(VALID_LAYOUT);

  // Change everything, then open the downloaded file.
  await page.getByTestId('caption-input').fill('something else');
  await page.getByRole('button', { name: /^Delete blob 1/ }).click();
  await page.getByTestId('file-input').setInputFiles(await download.path());
  await expect(editor.notice('success').last()).toContainText('Imported 4 blobs');
  expect(await editor.documentJson()).toEqual(VALID_LAYOUT);

  // The import is one undo step.
  await editor.leaveField();
  await editor.undo();
  await expect(page.getByTestId('caption-input')).toHaveValue('something else');
});

test('Copy link gives a #layout= link that opens the same layout', async ({ page }) => {
  const editor = new EditorPage(page);
  await openWithLayout(editor);
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#layout=[A-Za-z0-9_-]+$/);
  await page.getByTestId('caption-input').fill('changed');
  await page.goto(link);
  expect(await editor.documentJson()).toEqual(VALID_LAYOUT);
});

test('a URI-encoded JSON link imports too', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open(`?layout=${encodeURIComponent(JSON.stringify(VALID_LAYOUT))}`);
  await expect(page.getByTestId('blob-list-item')).toHaveCount(4);
});

test('pasting an LLM-format answer keeps the good lines and explains the rejected one', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.pasteLayout(
    [
      'Sure! Here is a layout for your scene:',
      '```',
      'caption: a ginger cat on a grey sofa',
      'object {major-radius: 170px; minor-radius: 70px; cx: 256px; cy: 370px; angle: 0}',
      'object {major-radius: -5px; minor-radius: 60px; cx: 100px; cy: 100px; angle: 0}',
      'object {major-radius: 60px; minor-radius: 40px; cx: 220px; cy: 320px; angle: 30}',
      'object {a grey fabric sofa}',
      'object {a broken line}',
      'object {a sleeping ginger cat}',
      '```',
      'Let me know if you want changes.',
    ].join('\n'),
  );
  await expect(page.getByTestId('blob-list-item')).toHaveCount(2);
  await expect(page.getByTestId('caption-input')).toHaveValue('a ginger cat on a grey sofa');
  const notice = editor.notice('warning');
  await expect(notice).toContainText('Imported 2 blobs');
  await expect(notice).toContainText('Line 5 ignored');
  await expect(editor.blob(2)).toHaveAttribute('aria-label', 'Blob 2: a sleeping ginger cat');
  await editor.blob(2).focus();
  await expect(editor.field('cx')).toHaveValue((220 / 512).toFixed(3));
  await expect(editor.field('a')).toHaveValue((60 / 512).toFixed(3));
  await expect(editor.field('angle')).toHaveValue('30.0');

  // Copy LLM format gives the paper's lines back.
  await page.getByTestId('copy-llm').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('object {major-radius: 60px; minor-radius: 40px; cx: 220px; cy: 320px; angle: 30}');
  expect(copied).toContain('a sleeping ginger cat');
});

test('hostile files change nothing and each says what is wrong', async ({ page }) => {
  const editor = new EditorPage(page);
  await openWithLayout(editor);
  const before = await editor.documentJson();
  for (const [name, text, mention] of HOSTILE_FILES) {
    await page.getByTestId('file-input').setInputFiles({ name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
    const notice = editor.notice('error').last();
    await expect(notice, name).toContainText(`Nothing was imported: the file “${name}.json”`);
    await expect(notice, name).toContainText(mention);
    expect(await editor.documentJson(), name).toEqual(before);
  }
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
});

test('hostile pasted text changes nothing and is explained', async ({ page }) => {
  const editor = new EditorPage(page);
  await openWithLayout(editor);
  const before = await editor.documentJson();
  const pastes: [string, RegExp][] = [
    ['just some prose, no layout here', /no layout lines found/],
    ['{"format":"blobgen-layout","version":1,"caption":"x","blobs":[{"cx":0.5,"cy":0.5,"a":"wide","b":0.1,"theta":0}]}', /a/],
    ['object {major-radius: 1e400px; minor-radius: NaNpx; cx: 256px; cy: 256px; angle: 0}', /Nothing was imported|ignored/],
    ['x'.repeat(1_100_000), /too large/],
  ];
  for (const [text, mention] of pastes) {
    await editor.pasteLayout(text);
    const notice = editor.notice('error').last();
    await expect(notice).toContainText('Nothing was imported');
    await expect(notice).toContainText(mention);
    expect(await editor.documentJson()).toEqual(before);
  }
});

test('a hostile ?layout= link changes nothing and says why', async ({ page }) => {
  const editor = new EditorPage(page);
  await openWithLayout(editor);
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser');
  const before = await editor.documentJson();
  const hostile = [
    base64url(JSON.stringify({ format: 'blobgen-layout', version: 1, caption: '', blobs: [{ cx: 0.5, cy: 0.5, a: -1, b: 0.1, theta: 0 }] })),
    '%%%not-base64%%%',
    base64url('{"format":"blobgen-layout","version":1,"caption":"' + 'z'.repeat(600) + '","blobs":[]}'),
  ];
  for (const param of hostile) {
    await page.goto(`/?layout=${encodeURIComponent(param)}`);
    await expect(editor.notice('error')).toContainText('Nothing was imported: the link’s layout');
    expect(await editor.documentJson()).toEqual(before);
  }
});

test('dropping a layout file on the page imports it; a bad one is refused', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const drop = (name: string, text: string) =>
    page.evaluate(
      ([fileName, content]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], fileName, { type: 'application/json' }));
        const target = document.querySelector('[data-testid="editor-canvas"]') ?? document.body;
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
      },
      [name, text] as const,
    );
  await drop('scene.json', JSON.stringify(VALID_LAYOUT));
  await expect(page.getByTestId('blob-list-item')).toHaveCount(4);
  await drop('bad.json', '{"format":"blobgen-layout"');
  await expect(editor.notice('error')).toContainText('Nothing was imported: the file “bad.json”');
  await expect(page.getByTestId('blob-list-item')).toHaveCount(4);
});

test('Ctrl+V outside text fields imports the clipboard layout', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.evaluate((text) => navigator.clipboard.writeText(text), 'object {major-radius: 128px; minor-radius: 64px; cx: 256px; cy: 256px; angle: 45}\nobject {a red kite}');
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+v');
  await expect(editor.blob(1)).toHaveAttribute('aria-label', 'Blob 1: a red kite');
});
