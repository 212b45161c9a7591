/**
 * A first Generate with a pack that is not on the device yet: the Generate bar fills with the
 * pack's bytes as they stream (not only its text), then with the read back from the store, then
 * counts steps. The pack comes from our own
 * throttled Range server on 127.0.0.1, given by `?pack=`.
 */
import { expect, test } from '@playwright/test';
import { TINY_PACK_DIR } from './support/modelManager';
import { startRangePackServer } from './support/rangePackServer';
import { GENERATION_MS } from './support/studioGeneration';

test.setTimeout(GENERATION_MS + 60_000);

test('the progress bar fills with the download on the first Generate', async ({ page }) => {
  const server = await startRangePackServer(TINY_PACK_DIR);
  try {
    server.faults.bytesPerSecond = 3_000_000; // the 9.4 MB default pack takes about 3 s
    await page.goto(`/?pack=${encodeURIComponent(`${server.origin}/`)}`);
    await expect(page.getByTestId('pack-summary')).toBeVisible({ timeout: 60_000 });
    await page.evaluate(() => {
      const w = window as unknown as { __loadFractions: number[] };
      w.__loadFractions = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="generate-progress-bar"][data-stage="load"]');
        const value = bar?.getAttribute('value');
        if (value !== null && value !== undefined) w.__loadFractions.push(Number(value));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('generate-progress')).toBeVisible();
    await expect(page.getByTestId('generate-progress')).toBeHidden({ timeout: GENERATION_MS });
    await expect(page.getByTestId('result-image')).toBeVisible();
    const fractions = await page.evaluate(() => (window as unknown as { __loadFractions: number[] }).__loadFractions);
    const between = fractions.filter((f) => f > 0.05 && f < 0.95);
    const drops = fractions.flatMap((f, i) => (i > 0 && f < (fractions[i - 1] ?? 0) - 1e-9 ? [`${String(fractions[i - 1])}→${String(f)} at ${String(i)}`] : []));
    console.log(`load-bar values seen: ${fractions.length}, strictly between 5 % and 95 %: ${between.length}; drops: ${drops.slice(0, 10).join(', ')}`);
    expect(between.length).toBeGreaterThanOrEqual(3);
    // Two passes at most, each filling up: the download into the pack store, then the verified
    // read from the store into the engine (fast; "from the cache").
    expect(drops.length, 'the bar goes back at most once').toBeLessThanOrEqual(1);
    expect(fractions.at(-1)).toBe(1);
  } finally {
    await server.close();
  }
});
