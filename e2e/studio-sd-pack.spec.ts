/**
 * The studio adapts to a Stable-Diffusion-class pack given by `?pack=`: test-packs/sd1-tiny
 * (random weights, 128×128, CLIP tokenizer, negative caption, TAESD previews), served by a real
 * static server this spec starts on 127.0.0.1 with CORS headers (the production build serves only
 * public/ and dist/). Random weights paint noise, so the image is checked for its size and for
 * not being blank, never for content. Needs test-packs/sd1-tiny; fails, never skips, without it.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readLayoutFromPng } from '../src/png/layoutPngMetadata';
import { EditorPage } from './support/editorPage';
import { startStaticPackServer, type StaticPackServer } from './support/staticPackServer';
import { GENERATION_MS, LAYOUT, canvasPixels } from './support/studioGeneration';

test.setTimeout(600_000);
test.use({ permissions: ['clipboard-read', 'clipboard-write'], actionTimeout: 30_000 });

let packs: StaticPackServer;
test.beforeAll(async () => {
  packs = await startStaticPackServer('test-packs');
});
test.afterAll(async () => {
  await packs.close();
});

const manifest = async () => JSON.parse(await readFile('test-packs/sd1-tiny/manifest.json', 'utf8')) as {
  image: { width: number; height: number };
  scheduler: { type: string; samplers: string[]; defaultSteps: number; defaultGuidance: number };
};
const layoutQuery = () => `layout=${Buffer.from(JSON.stringify(LAYOUT)).toString('base64url')}`;

test('?pack= loads an SD pack: its defaults and samplers, a negative caption, CLIP truncation, a 128×128 image', async ({ page }) => {
  const m = await manifest();
  const editor = new EditorPage(page);
  await editor.open(`?${layoutQuery()}&pack=${encodeURIComponent(`${packs.origin}/sd1-tiny/`)}`);
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);

  // The pack's description, read by the worker from the served pack.
  await expect(page.getByTestId('pack-summary')).toContainText(`sd1-tiny 1.0.0 · ${m.image.width}×${m.image.height}`, { timeout: 60_000 });
  await expect(page.getByTestId('pack-summary')).toContainText('TAESD');
  await expect(page.getByTestId('steps-input')).toHaveValue(String(m.scheduler.defaultSteps));
  await expect(page.getByTestId('guidance-input')).toHaveValue(String(m.scheduler.defaultGuidance));
  await expect(page.getByTestId('sampler-select')).toHaveValue(m.scheduler.type);
  const offered = await page.getByTestId('sampler-select').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(m.scheduler.samplers);

  // The real CLIP tokenizer: 77 tokens, and a long caption is shown cut where SD cuts it.
  const tokens = page.getByTestId('token-counter');
  await expect(tokens).toContainText('at most 77 tokens of each text (two are the start and end tokens)');
  await page.getByTestId('caption-input').fill(Array.from({ length: 35 }, (_, i) => `red blob ${i}`).join(', '));
  await editor.leaveField();
  await expect(page.getByTestId('token-summary')).toContainText('1 text is truncated, as Stable Diffusion does');
  await expect(page.getByTestId('token-truncated')).toBeVisible();
  expect(await page.getByTestId('token-kept').textContent()).toMatch(/^red blob 0, red blob 1,/);
  expect(await page.getByTestId('token-truncated').textContent()).toMatch(/red blob 34$/);

  await page.getByTestId('negative-caption-input').fill('blurry, low contrast');
  await expect(tokens.locator('[data-segment="negative"]')).toContainText(/Negative caption\d+ \/ 77/);
  // Two steps: the random-weight pack paints noise whatever the step count; the run stays short.
  await page.getByTestId('steps-input').fill('2');
  // Every preview canvas that appears is recorded (the run is short: polling could miss them).
  await page.evaluate(() => {
    const w = window as unknown as { __previews: string[] };
    w.__previews = [];
    new MutationObserver(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="generate-preview"]');
      if (c && c.width > 0) w.__previews.push(`${c.width}x${c.height}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('generate-progress')).toBeVisible();
  await expect(page.getByTestId('generate-progress')).toBeHidden({ timeout: GENERATION_MS });
  await expect(page.getByTestId('engine-error')).toHaveCount(0);
  await expect(page.getByTestId('run-outcome')).toHaveCount(0);
  await expect(page.getByTestId('result-image')).toBeVisible();
  const previews = await page.evaluate(() => (window as unknown as { __previews: string[] }).__previews);
  console.log(`previews seen: ${previews.length} (${[...new Set(previews)].join(', ')})`);
  expect(previews).toContain(`${m.image.width}x${m.image.height}`);

  const pixels = await canvasPixels(page, 'result-image');
  expect([pixels.width, pixels.height]).toEqual([m.image.width, m.image.height]);
  const rgb = pixels.data.filter((_, i) => i % 4 !== 3);
  const mean = rgb.reduce((a, v) => a + v, 0) / rgb.length;
  const spread = Math.sqrt(rgb.reduce((a, v) => a + (v - mean) ** 2, 0) / rgb.length);
  console.log(`sd1-tiny result: ${pixels.width}×${pixels.height}, mean ${mean.toFixed(1)}, std ${spread.toFixed(1)}`);
  expect(spread).toBeGreaterThan(1); // not one flat colour
  expect(pixels.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  // Shown sharp: 128² doubled to 256 CSS px, nearest-neighbour.
  const shown = await page.getByTestId('result-image').evaluate((c) => ({ width: c.getBoundingClientRect().width, rendering: getComputedStyle(c).imageRendering }));
  expect(shown).toEqual({ width: 256, rendering: 'pixelated' });

  // The controls this pack adds (negative caption, truncated text) keep the panel accessible.
  const axe = await new AxeBuilder({ page }).include('#studio-panel').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The downloaded PNG carries the negative caption and the pack's sampler.
  const download = page.waitForEvent('download');
  await page.getByTestId('download-png').click();
  const embedded = readLayoutFromPng(new Uint8Array(await readFile(await (await download).path())));
  expect(embedded).toMatchObject({ ok: true, settings: { negativeCaption: 'blurry, low contrast', sampler: m.scheduler.type, steps: 2, pack: 'sd1-tiny' } });
});

test('an invalid or unsafe ?pack= is refused with a notice; the layout and the default pack load as usual', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open(`?${layoutQuery()}&pack=${encodeURIComponent('javascript:alert(1)')}`);
  await expect(editor.notice('error')).toContainText('The link’s model pack was not loaded; using the default pack.');
  await expect(editor.notice('error')).toContainText('“javascript:” addresses cannot be model packs');
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  expect(await editor.documentJson()).toEqual(LAYOUT);
  await expect(page.getByTestId('pack-summary')).toContainText('blobgen-tiny-shapes', { timeout: 60_000 });
  await expect(page.getByTestId('negative-caption-input')).toHaveCount(0);
});
