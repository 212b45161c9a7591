/** Steps of the model-manager specs: open the panel, add a pack by URL, read its card. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const TINY_PACK_DIR = join(process.cwd(), 'public/models/blobgen-tiny-shapes');

interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** The files the runtime downloads (goldens and benchmark graphs are not part of a download). */
export function runtimeFilesOf(packDir: string): ManifestFile[] {
  const manifest = JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
  return manifest.files.filter((f) => !f.path.startsWith('goldens/') && !f.path.startsWith('bench/'));
}

export async function openModels(page: Page): Promise<Locator> {
  const manager = page.getByTestId('model-manager');
  if ((await manager.getAttribute('open')) === null) await manager.locator('summary').click();
  return manager;
}

export function packCard(page: Page, baseUrl: string): Locator {
  return page.locator(`[data-testid="model-pack"][data-base-url="${baseUrl}"]`);
}

export async function addPackByUrl(page: Page, url: string): Promise<Locator> {
  await openModels(page);
  await page.getByTestId('add-pack-url').fill(url);
  await page.getByTestId('add-pack-submit').click();
  const card = packCard(page, url);
  await expect(card).toBeVisible();
  await expect(card).not.toHaveAttribute('data-status', 'checking');
  return card;
}

export async function storageUsage(page: Page): Promise<number> {
  return Number(await page.getByTestId('storage-estimate').getAttribute('data-usage'));
}
