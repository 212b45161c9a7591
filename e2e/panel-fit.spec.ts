/**
 * The side panel fits its column at desktop widths and on a phone: no element of it reaches past
 * the panel's right edge or is wider than the panel, and Generate is on screen without scrolling
 * on laptop screens and on a phone (it rides in a bar stuck to the bottom of the panel).
 */
import { expect, test, type Page } from '@playwright/test';
import { GENERATION_MS, openStudio } from './support/studioGeneration';

/** Every element of the side panel that sticks out of it, as "tag.class#testid: right edge / width". */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.locator('.side-panel').evaluate((panel) => {
    const panelBox = panel.getBoundingClientRect();
    const offenders: string[] = [];
    if (panel.scrollWidth > panel.clientWidth) offenders.push(`the panel itself scrolls sideways: ${panel.scrollWidth} > ${panel.clientWidth}`);
    for (const element of panel.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered (closed <details>, display: none)
      const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}${element.getAttribute('data-testid') ? `[${element.getAttribute('data-testid')}]` : ''}`;
      if (box.right > panelBox.right + 0.5) offenders.push(`${name}: right edge ${box.right.toFixed(1)} > panel ${panelBox.right.toFixed(1)}`);
      if (element.scrollWidth > panel.clientWidth) offenders.push(`${name}: scrollWidth ${element.scrollWidth} > panel ${panel.clientWidth}`);
    }
    return offenders;
  });
}

/** The point a person would click on Generate hits Generate (nothing sticky or floating covers it). */
async function generateIsUncovered(page: Page): Promise<boolean> {
  return page.getByTestId('generate-button').evaluate((button) => {
    const box = button.getBoundingClientRect();
    return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('[data-testid="generate-button"]') === button;
  });
}

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
];

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the side panel has no horizontal overflow and Generate is on screen`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openStudio(page);
    // A selected blob fills the inspector; the pack's details fill the settings and summary.
    await page.getByTestId('blob-list-item').first().click();
    await expect(page.getByTestId('sampler-select')).toBeVisible();
    await expect(page.getByTestId('seed-reroll')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    // The page itself does not scroll sideways either.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);

    // Nothing scrolled (as the page opens): Generate is on screen, uncovered, clickable.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelector('.side-panel')?.scrollTo(0, 0);
    });
    expect(await page.evaluate(() => [window.scrollY, document.querySelector('.side-panel')?.scrollTop])).toEqual([0, 0]);
    await expect(page.getByTestId('generate-button')).toBeInViewport({ ratio: 1 });
    expect(await generateIsUncovered(page)).toBe(true);
  });
}

test('Tab order through the studio follows its reading order: settings, then Generate, then the result area', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openStudio(page);
  await page.getByTestId('sampler-select').focus();
  const reached: string[] = [];
  for (let i = 0; i < 12 && !reached.includes('generate-button'); i += 1) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? ''));
  }
  expect(reached).toContain('generate-button');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('variations-button');
});

test('with results, the before/after compare and the gallery showing, the panel still fits at 1024×768 and Generate stays on screen', async ({ page }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await openStudio(page);
  await page.getByTestId('steps-input').fill('4');
  for (let run = 0; run < 2; run += 1) {
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('generate-progress')).toBeVisible();
    await expect(page.getByTestId('generate-progress')).toBeHidden({ timeout: GENERATION_MS });
  }
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('gallery-item')).toHaveCount(2);
  expect(await overflowingElements(page)).toEqual([]);
  // Scrolled down to the result, Generate is still on screen.
  await page.getByTestId('compare-slider').scrollIntoViewIfNeeded();
  expect(await page.locator('.side-panel').evaluate((panel) => panel.scrollTop)).toBeGreaterThan(0);
  await expect(page.getByTestId('generate-button')).toBeInViewport({ ratio: 1 });
  expect(await generateIsUncovered(page)).toBe(true);
});
