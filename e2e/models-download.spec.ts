/**
 * The model manager against a real pack host started here (e2e/support/rangePackServer.ts): a
 * download that the server drops at 10 %, 50 % and 90 % resumes with Range requests and fetches
 * only the missing bytes; pause and resume; a flipped byte, a web page and a truncated file are
 * refused before use; a pack that is not a pack gets a specific message; a quota error is
 * explained with numbers and leaves the layout alone; deleting a pack frees its storage.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, LAYOUT } from './support/studioGeneration';
import { addPackByUrl, openModels, packCard, runtimeFilesOf, storageUsage, TINY_PACK_DIR } from './support/modelManager';
import { startRangePackServer, type RangePackServer, type RangeRequestLog } from './support/rangePackServer';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.setTimeout(180_000);

const FILES = runtimeFilesOf(TINY_PACK_DIR);
const TOTAL = FILES.reduce((s, f) => s + f.bytes, 0);
const sizeOf = (path: string) => FILES.find((f) => f.path === path)?.bytes ?? NaN;
const fileRequests = (log: RangeRequestLog[]) => log.filter((r) => !r.path.endsWith('manifest.json'));

let server: RangePackServer;
test.beforeEach(async () => {
  server = await startRangePackServer(TINY_PACK_DIR);
});
test.afterEach(async () => {
  await server.close();
});

async function readyAndDeleted(page: Page, baseUrl: string) {
  const card = packCard(page, baseUrl);
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect.poll(() => storageUsage(page)).toBeGreaterThan(TOTAL * 0.9);
  const before = await storageUsage(page);
  await card.getByTestId('pack-delete').click();
  await expect(card).toHaveAttribute('data-status', 'not-downloaded');
  // Deleting frees the pack's space (navigator.storage.estimate()).
  await expect.poll(() => storageUsage(page)).toBeLessThan(before - TOTAL * 0.9);
  return { before, after: await storageUsage(page) };
}

test('a download dropped at 10 %, 50 % and 90 % resumes and fetches only the missing bytes; delete frees it', async ({ page }) => {
  await openStudio(page);
  const baseUrl = `${server.origin}/`;
  const card = await addPackByUrl(page, baseUrl);
  await expect(card.getByTestId('pack-size')).toHaveText(`${(TOTAL / 1e6).toFixed(1)} MB`);
  await expect(card.getByTestId('pack-license')).toHaveText('MIT');
  await expect(card.getByTestId('pack-requirements')).toContainText('WebGPU');
  for (const fraction of [0.1, 0.5, 0.9]) {
    server.log.length = 0;
    server.dropAfter(Math.floor(TOTAL * fraction));
    await card.getByTestId('pack-download').click();
    await expect(card.getByTestId('pack-error')).toContainText(/connection was lost while downloading .* Press Resume/, { timeout: 60_000 });
    await expect(card).toHaveAttribute('data-status', 'failed');
    const first = fileRequests(server.log.splice(0));
    const dropped = first.find((r) => r.dropped);
    if (!dropped) throw new Error('the server never dropped the connection');
    const completedBefore = first.filter((r) => !r.dropped && r.sentBytes === sizeOf(r.path)).map((r) => r.path);

    await card.getByTestId('pack-resume').click();
    await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    const second = fileRequests(server.log.splice(0));
    // Finished files are not fetched again; the dropped one continues where the store left off.
    for (const path of completedBefore) expect(second.map((r) => r.path)).not.toContain(path);
    const resumed = second.find((r) => r.path === dropped.path);
    expect(resumed?.rangeStart).toBeGreaterThan(0);
    expect(resumed?.rangeStart).toBeLessThanOrEqual(dropped.sentBytes);
    const refetched = second.reduce((s, r) => s + r.sentBytes, 0);
    const storedBefore = completedBefore.reduce((s, p) => s + sizeOf(p), 0) + (resumed?.rangeStart ?? 0);
    expect(refetched).toBe(TOTAL - storedBefore);
    const sentFirst = first.reduce((s, r) => s + r.sentBytes, 0);
    console.log(
      `drop at ${fraction * 100} %: ${dropped.path} cut after ${dropped.sentBytes} B; resume asked bytes=${resumed?.rangeStart}-, re-fetched ${refetched} B of ${TOTAL} B; bytes sent twice: ${sentFirst + refetched - TOTAL}`,
    );
    const freed = await readyAndDeleted(page, baseUrl);
    console.log(`delete: storage estimate ${freed.before} B → ${freed.after} B`);
  }
});

test('pause keeps what arrived, resume fetches only the rest, with bytes, speed and time left shown', async ({ page }) => {
  await openStudio(page);
  server.faults.bytesPerSecond = 2_000_000;
  const baseUrl = `${server.origin}/`;
  const card = await addPackByUrl(page, baseUrl);
  await card.getByTestId('pack-download').click();
  await expect(card.getByTestId('pack-progress')).toBeVisible();
  await expect(card.getByTestId('pack-progress-text')).toHaveText(/of 9\.\d MB · [\d.]+ (kB|MB)\/s · \d+ s left/, { timeout: 10_000 });
  await expect(card).toHaveAttribute('data-status', 'downloading');
  // Pause in the middle of the largest file (what a person would see as "halfway").
  const paused = 'unet_segment3.onnx';
  await expect.poll(() => server.log.find((r) => r.path === paused)?.sentBytes ?? 0, { timeout: 30_000 }).toBeGreaterThan(500_000);
  await card.getByTestId('pack-pause').click();
  await expect(card.getByTestId('pack-status')).toHaveText(/Paused at \d+ %/);
  const first = fileRequests(server.log.splice(0));
  delete server.faults.bytesPerSecond;
  await card.getByTestId('pack-resume').click();
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  const second = fileRequests(server.log.splice(0));
  const refetched = second.reduce((s, r) => s + r.sentBytes, 0);
  // Resume starts inside the paused file, after what was stored (bytes still in flight when the
  // person paused were never stored), and fetches exactly the rest.
  expect(second[0]?.path).toBe(paused);
  const resumedAt = second[0]?.rangeStart ?? 0;
  expect(resumedAt).toBeGreaterThan(0);
  expect(resumedAt).toBeLessThanOrEqual(first.find((r) => r.path === paused)?.sentBytes ?? 0);
  const completedBefore = first.filter((r) => r.path !== paused && r.sentBytes === sizeOf(r.path)).reduce((s, r) => s + r.sentBytes, 0);
  expect(refetched).toBe(TOTAL - completedBefore - resumedAt);
});

test('a flipped byte, a web page and a truncated file are refused before use; then only that file is fetched again', async ({ page }) => {
  await openStudio(page);
  const baseUrl = `${server.origin}/`;
  const card = await addPackByUrl(page, baseUrl);
  const target = 'unet_segment2.onnx';
  const cases: [fault: 'flip' | 'html' | 'truncate', message: RegExp][] = [
    ['flip', /unet_segment2\.onnx does not match its manifest \(SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}\).*not used or marked ready/],
    ['html', /unet_segment2\.onnx came back as a web page \(text\/html\), not a pack file/],
    ['truncate', /unet_segment2\.onnx ended after \d+ of the \d+ bytes its manifest declares \(a truncated file\)/],
  ];
  for (const [fault, message] of cases) {
    server.faults.corrupt = { [target]: fault };
    await card.getByTestId(fault === 'flip' ? 'pack-download' : 'pack-resume').click();
    await expect(card.getByTestId('pack-error')).toContainText(message, { timeout: 60_000 });
    await expect(card).toHaveAttribute('data-status', 'failed');
    await expect(card.getByTestId('pack-use')).toBeVisible(); // never "ready": nothing was committed
  }
  server.faults.corrupt = {};
  server.log.length = 0;
  await card.getByTestId('pack-resume').click();
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  const paths = fileRequests(server.log).map((r) => r.path);
  expect(paths[0]).toBe(target);
  const before = FILES.slice(0, FILES.findIndex((f) => f.path === target)).map((f) => f.path);
  for (const path of before) expect(paths).not.toContain(path);
});

test('an address that is not a pack, an invalid manifest, a refused CORS request and an unsupported pack each get a specific message', async ({ page, baseURL }) => {
  await openStudio(page);
  const cases: [url: string, setup: () => void, message: RegExp][] = [
    [`${baseURL}/no-pack-here/`, () => undefined, /is a web page, not a manifest\.json/],
    [`${server.origin}/missing/`, () => undefined, /manifest .*missing\/manifest\.json answered HTTP 404/],
    [`${server.origin}/`, () => (server.faults.manifest = (t) => t.replace('"schemaVersion"', '"schemaVersionTypo"')), /schemaVersion/],
    [`${server.origin}/`, () => (server.faults.noCors = true), /Could not download the model pack manifest .*CORS/],
    [
      `${server.origin}/`,
      () => (server.faults.manifest = (t) => JSON.stringify({ ...JSON.parse(t), precision: { default: 'fp16', variants: { fp16: { requiresShaderF16: true } } } })),
      /lacks the WebGPU "shader-f16" feature/,
    ],
  ];
  for (const [url, setup, message] of cases) {
    server.faults.manifest = undefined;
    server.faults.noCors = false;
    setup();
    server.log.length = 0;
    const card = await addPackByUrl(page, url);
    await expect(card.getByTestId('pack-error')).toContainText(message);
    await expect(card.getByTestId('pack-download')).toHaveCount(0);
    expect(fileRequests(server.log)).toEqual([]); // nothing but the manifest was fetched
    await card.getByTestId('pack-remove').click();
    await expect(card).toHaveCount(0);
  }
});

test('a quota error says what is needed and what is free; nothing is marked ready and the layout is intact', async ({ page }) => {
  // The store writes through FileSystemWritableFileStream.write: a full disk is simulated there.
  await page.addInitScript(() => {
    const real = FileSystemWritableFileStream.prototype.write;
    FileSystemWritableFileStream.prototype.write = function (this: FileSystemWritableFileStream, data: FileSystemWriteChunkType) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return real.call(this, data);
    };
  });
  const editor = await openStudio(page);
  const baseUrl = `${server.origin}/`;
  const card = await addPackByUrl(page, baseUrl);
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
  await card.getByTestId('pack-download').click();
  await expect(card.getByTestId('pack-error')).toContainText(
    /Not enough storage to keep the model pack "blobgen-tiny-shapes" \(9\.\d MB\)\. This site uses [\d.]+ MB of the [\d.]+ MB the browser allows \([\d.]+ MB free\); [\d.]+ MB more are needed\..*layouts and gallery are untouched/,
  );
  await expect(card).toHaveAttribute('data-status', 'failed');
  expect(await editor.documentJson()).toEqual(LAYOUT);
  await page.reload();
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  const reloaded = packCard(page, baseUrl);
  await expect(reloaded).toHaveAttribute('data-status', 'not-downloaded');
});

test('cancel stops a download and deletes what it stored', async ({ page }) => {
  await openStudio(page);
  server.faults.bytesPerSecond = 2_000_000;
  const card = await addPackByUrl(page, `${server.origin}/`);
  await card.getByTestId('pack-download').click();
  await expect.poll(() => server.log.find((r) => r.path === 'unet_segment2.onnx')?.sentBytes ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await card.getByTestId('pack-cancel').click();
  await expect(card.getByTestId('pack-status')).toHaveText('Not downloaded');
  await expect(card.getByTestId('pack-download')).toBeVisible();
});

test('a new manifest on the server shows "update available"; the stored version keeps working until Update', async ({ page }) => {
  await openStudio(page);
  const baseUrl = `${server.origin}/`;
  const card = await addPackByUrl(page, baseUrl);
  await card.getByTestId('pack-download').click();
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  server.faults.manifest = (text) => JSON.stringify({ ...JSON.parse(text), version: '1.0.1' });
  await page.reload();
  await openModels(page);
  const reloaded = packCard(page, baseUrl);
  await expect(reloaded).toHaveAttribute('data-status', 'update-available');
  await expect(reloaded).toContainText('blobgen-tiny-shapes 1.0.0');
  server.log.length = 0;
  await reloaded.getByTestId('pack-update').click();
  await expect(reloaded).toHaveAttribute('data-status', 'ready');
  await expect(reloaded).toContainText('blobgen-tiny-shapes 1.0.1');
  // Files are stored by hash: a new version with the same files downloads none of them again.
  expect(fileRequests(server.log)).toEqual([]);
});

test('adding a large pack asks the browser to keep the storage, and says why and what it answered', async ({ page }) => {
  await openStudio(page);
  server.faults.manifest = (text) => {
    const manifest = JSON.parse(text) as { files: { path: string; bytes: number }[] };
    return JSON.stringify({ ...manifest, files: manifest.files.map((f) => (f.path === 'text_encoder.onnx' ? { ...f, bytes: 300_000_000 } : f)) });
  };
  await addPackByUrl(page, `${server.origin}/`);
  await expect(page.getByTestId('persist-note')).toContainText(/This pack is large \(30\d\.\d MB\), so the app asked the browser to keep its storage|This pack is large \(30\d\.\d MB\)\. The app asked the browser to keep its storage/);
});
