/** Shared steps for specs that generate with the default pack through the studio panel. */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { EditorPage } from './editorPage';

/** Three blobs in colours and patterns the default pack paints (shared with bench/editor-screenshot.mjs). */
export const LAYOUT = JSON.parse(readFileSync(new URL('./defaultPackLayout.json', import.meta.url), 'utf8')) as {
  format: 'blobgen-layout';
  version: number;
  caption: string;
  blobs: { id: string; cx: number; cy: number; a: number; b: number; theta: number; description: string }[];
};
export const GENERATION_MS = 300_000;

export async function openStudio(page: Page): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await editor.open(`?layout=${Buffer.from(JSON.stringify(LAYOUT)).toString('base64url')}`);
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  return editor;
}

export async function generateAndWait(page: Page): Promise<void> {
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('generate-progress')).toBeVisible();
  await expect(page.getByTestId('generate-progress')).toBeHidden({ timeout: GENERATION_MS });
  await expect(page.getByTestId('run-outcome')).toHaveCount(0);
  await expect(page.getByTestId('result-image')).toBeVisible();
}

export async function canvasPixels(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    return { width: c.width, height: c.height, data: Array.from(data) };
  });
}

export async function maxStepSeen(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __maxStep?: number }).__maxStep ?? 0);
}

/** Records the highest step the progress bar ever showed (a MutationObserver, so no step is missed between polls). */
export async function watchSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __maxStep: number };
    w.__maxStep = 0;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="generate-progress-bar"]:not([data-stage="load"])'); // steps, not the pack-load bar
      const step = Number(bar?.getAttribute('value') ?? 0);
      if (step > w.__maxStep) w.__maxStep = step;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}
