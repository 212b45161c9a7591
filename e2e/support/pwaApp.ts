/** Steps of the PWA specs: the build under test, a first visit that installs the service worker. */
import { expect, type Page } from '@playwright/test';
import { LAYOUT } from './studioGeneration';

/** The folder playwright.config.ts builds into (the same rule as there). */
export function builtAppDir(): string {
  const port = Number(process.env.BLOBGEN_E2E_PORT ?? 4173);
  return process.env.BLOBGEN_E2E_PORT ? `dist-e2e-${port}` : 'dist';
}

/**
 * A first visit: the shared layout link, then the plain address (so a reload shows the autosaved
 * layout, not the link's), with the service worker installed, active and controlling the page.
 */
export async function firstVisit(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/?layout=${Buffer.from(JSON.stringify(LAYOUT)).toString('base64url')}`);
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}
