/**
 * Issue #20, the editor's share of the failures testers found, each acted out in the served app:
 * text limits in one unit (§3), links that open (§4), no silent loss on reload (§5), import
 * routes that agree (§6–§8), and two tabs that never silently lose work (§2).
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { embedLayoutInPng } from '../src/png/layoutPngMetadata';
import { makeTestPng } from '../src/png/testPng.fixture';
import { EditorPage } from './support/editorPage';
import { VALID_LAYOUT } from './support/layouts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const EMOJI_300 = '😀'.repeat(300);

async function openWithFile(editor: EditorPage, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await editor.page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer });
}

async function collectErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('§3 a description of 300 emoji counts 300 / 500, Backspace removes one emoji, and it survives Copy LLM format → paste', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const layout = { ...VALID_LAYOUT, blobs: [{ ...VALID_LAYOUT.blobs[0], description: EMOJI_300 }] };
  await openWithFile(editor, 'emoji.json', 'application/json', Buffer.from(JSON.stringify(layout)));
  await expect(editor.notice('success')).toContainText('Imported 1 blob');
  await page.getByTestId('blob-list-item').first().click();
  const description = page.getByTestId('description-input');
  const counter = page.getByTestId('inspector').locator('.char-count');
  await expect(counter).toHaveText('300 / 500');
  await description.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect(description).toHaveValue('😀'.repeat(299));
  await expect(counter).toHaveText('299 / 500');
  await editor.leaveField();

  // The round trip through the LLM format keeps the description.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByTestId('copy-llm').click();
  let llm = '';
  await expect.poll(async () => (llm = await page.evaluate(() => navigator.clipboard.readText()))).not.toBe('');
  await editor.dismissNotices();
  await editor.pasteLayout(llm);
  await expect(editor.notice('success')).toContainText('Imported 1 blob');
  expect((await editor.documentJson()).blobs[0]?.description).toBe('😀'.repeat(299));
});

test('§3 typing past the limit is refused with a message, never cut silently', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const layout = { ...VALID_LAYOUT, blobs: [{ ...VALID_LAYOUT.blobs[0], description: '😀'.repeat(500) }] };
  await openWithFile(editor, 'full.json', 'application/json', Buffer.from(JSON.stringify(layout)));
  await page.getByTestId('blob-list-item').first().click();
  const description = page.getByTestId('description-input');
  await description.focus();
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await expect(description).toHaveValue('😀'.repeat(500));
  await expect(editor.notice('warning')).toContainText('limited to 500 characters');
  await expect(page.getByTestId('description-count')).toHaveText('500 / 500');
});

/** 500 pseudo-random emoji (four bytes each in UTF-8): text that deflate can hardly shrink. */
function fourByteText(seed: number): string {
  let state = seed * 2654435761 + 1;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  return Array.from({ length: 500 }, () => String.fromCodePoint(0x1f300 + (Math.floor(next() / 65536) % 0x800))).join('');
}

test('§4 the largest legal layout makes a #layout= link that opens in the served app; old ?layout= links still open', async ({ page, browser }) => {
  const errors = await collectErrors(page);
  const editor = new EditorPage(page);
  await editor.open();
  // 64 blobs, each description 500 four-byte code points, as random as they come (they compress worst).
  const fourByte = fourByteText;
  const largest = {
    format: 'blobgen-layout',
    version: 1,
    caption: fourByte(999),
    blobs: Array.from({ length: 64 }, (_, i) => ({ id: `b${String(i)}`, cx: (i % 8) / 8 + 0.06, cy: Math.floor(i / 8) / 8 + 0.06, a: 0.05, b: 0.03, theta: 0.09 * i - 2.9, description: fourByte(i) })),
  };
  await openWithFile(editor, 'largest.json', 'application/json', Buffer.from(JSON.stringify(largest)));
  await expect(editor.notice('success')).toContainText('Imported 64 blobs');
  const expected = await editor.documentJson();
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByTestId('copy-link').click();
  let link = '';
  await expect.poll(async () => (link = await page.evaluate(() => navigator.clipboard.readText()))).not.toBe('');
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#layout=[A-Za-z0-9_-]+$/);
  console.log(`largest legal layout: share link of ${String(link.length)} characters (Layout JSON ${String(JSON.stringify(expected).length)} characters)`);
  await test.info().attach('largest-link-length.txt', { body: String(link.length) });

  // Someone else opens it: a new browser context, a fresh load from the production server.
  const other = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const receiver = await other.newPage();
  const receiverErrors = await collectErrors(receiver);
  const response = await receiver.goto(link);
  expect(response?.status()).toBe(200);
  const opened = new EditorPage(receiver);
  await expect(opened.notice('success').last()).toContainText('Imported 64 blobs');
  expect(await opened.documentJson()).toEqual(expected);
  expect(new URL(receiver.url()).hash).toBe(''); // a reload does not import it again
  expect(receiverErrors).toEqual([]);
  await other.close();

  // In a tab that already shows the app, only the fragment changes: it is imported too.
  await page.getByTestId('caption-input').fill('changed');
  await editor.dismissNotices();
  await page.goto(link);
  await expect(editor.notice('success').last()).toContainText('Imported 64 blobs');

  await editor.open(`?layout=${Buffer.from(JSON.stringify(VALID_LAYOUT)).toString('base64url')}`);
  expect(await editor.documentJson()).toEqual(VALID_LAYOUT);
  await page.goto('/#layout=AAAA');
  await expect(editor.notice('error')).toContainText('Nothing was imported: the link’s layout');
  await expect(editor.notice('error')).not.toContainText('it is');
  expect(errors).toEqual([]);
});

test('§6 "Open file…" accepts the app’s PNGs and restores them by the same route as a drop', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await expect(page.getByTestId('file-input')).toHaveAttribute('accept', /\.png/);
  const png = embedLayoutInPng(makeTestPng(8, 8), VALID_LAYOUT, { seed: 3141592653, steps: 4, guidance: 2, sampler: 'ddim' });
  await openWithFile(editor, 'blobgen-seed3141592653.png', 'image/png', Buffer.from(png));
  await expect(editor.notice('success').last()).toContainText('Restored 4 blobs and the settings');
  expect(await editor.documentJson()).toEqual(VALID_LAYOUT);
  await expect(page.getByTestId('seed-input')).toHaveValue('3141592653');
});

test('§7 a paste whose blob lines are all rejected changes nothing; §8 invalid UTF-8 in a file is refused like a link', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open(`?layout=${Buffer.from(JSON.stringify(VALID_LAYOUT)).toString('base64url')}`);
  const before = await editor.documentJson();
  await editor.dismissNotices();
  await editor.pasteLayout(['caption: a garden', 'object {major-radius: 0px; minor-radius: 64px; cx: 256px; cy: 256px; angle: 0}', 'object {a rose}'].join('\n'));
  await expect(editor.notice('error')).toContainText('Nothing was imported');
  expect(await editor.documentJson()).toEqual(before);

  await editor.dismissNotices();
  await openWithFile(editor, 'broken.txt', 'text/plain', Buffer.from([0x41, 0xff, 0xfe, 0xc3, 0x28, 0x42]));
  await expect(editor.notice('error')).toContainText('is not valid UTF-8 text');
  await expect(editor.notice('success')).toHaveCount(0);
  expect(await editor.documentJson()).toEqual(before);
});

test('§5 while IndexedDB writes fail the status says "Not saved" with the reason, then saves once they work again', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __failWrites: boolean };
    w.__failWrites = true;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (w.__failWrites) throw new DOMException('Encountered full disk while opening backing store for indexedDB.open.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const editor = new EditorPage(page);
  await editor.open();
  await page.getByTestId('caption-input').fill('an edit that cannot be stored yet');
  await expect(page.getByTestId('save-status')).toContainText('Not saved', { timeout: 5000 });
  await expect(page.getByTestId('save-status')).toContainText('full disk');
  await page.evaluate(() => ((window as unknown as { __failWrites: boolean }).__failWrites = false));
  await page.getByTestId('retry-save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser');
  await page.reload();
  await expect(page.getByTestId('caption-input')).toHaveValue('an edit that cannot be stored yet');
});

test('§5 with localStorage full, a reload right after an edit warns before leaving', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    // IndexedDB is slower than a reload: its writes land only after the page is gone.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as { __slow?: boolean }).__slow) {
        const tx = this.transaction;
        setTimeout(() => tx.abort(), 0);
      }
      return put.apply(this, args);
    };
  });
  const editor = new EditorPage(page);
  await editor.open();
  await page.evaluate(() => ((window as unknown as { __slow: boolean }).__slow = true));
  await page.getByTestId('caption-input').fill('typed just before the reload');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss(); // stay on the page
  });
  await page.waitForTimeout(60);
  await page.reload({ timeout: 3000 }).catch(() => undefined);
  expect(dialogs).toContain('beforeunload');
  await expect(page.getByTestId('caption-input')).toHaveValue('typed just before the reload');
});

test('§2 two tabs: a tab without unsaved edits takes the newer version; with unsaved edits it asks', async ({ context }) => {
  const pageB = await context.newPage();
  const b = new EditorPage(pageB);
  await b.open();
  const pageA = await context.newPage();
  const a = new EditorPage(pageA);
  await a.open();

  // A adds a blob; B, opened earlier, then changes only its caption: A's blob must survive.
  await pageA.getByTestId('add-blob').click();
  await expect(pageA.getByTestId('save-status')).toHaveText('Saved in this browser');
  await expect(pageB.getByTestId('blob-list-item')).toHaveCount(1);
  await pageB.getByTestId('caption-input').fill('caption from B');
  await expect(pageB.getByTestId('save-status')).toHaveText('Saved in this browser');
  const fresh = await context.newPage();
  const c = new EditorPage(fresh);
  await c.open();
  await expect(fresh.getByTestId('blob-list-item')).toHaveCount(1);
  await expect(fresh.getByTestId('caption-input')).toHaveValue('caption from B');
  await fresh.close();

  // B has an edit that is not saved yet when A saves: B is asked, and nothing is overwritten.
  await pageB.evaluate(() => {
    // Hold B's write back long enough for A's save to arrive first.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const w = window as unknown as { __held?: () => void };
      if (!w.__held) throw new DOMException('held by the test', 'UnknownError');
      return put.apply(this, args);
    };
  });
  await pageB.getByTestId('caption-input').fill('B’s unsaved caption');
  await expect(pageB.getByTestId('save-status')).toContainText('Not saved');
  await pageA.getByTestId('add-blob').click();
  await expect(pageA.getByTestId('save-status')).toHaveText('Saved in this browser');
  await expect(pageB.getByTestId('tab-conflict')).toBeVisible();
  await expect(pageB.getByTestId('caption-input')).toHaveValue('B’s unsaved caption');
  const download = pageB.waitForEvent('download');
  await pageB.getByTestId('conflict-keep-mine').click();
  const copy = JSON.parse(await readFile(await (await download).path(), 'utf8')) as { caption: string };
  expect(copy.caption).toBe('B’s unsaved caption');
  await expect(pageB.getByTestId('blob-list-item')).toHaveCount(2);
  await expect(pageB.getByTestId('caption-input')).toHaveValue('caption from B');
  await expect(pageB.getByTestId('tab-conflict')).toBeHidden();
});
