// Regenerates docs/editor-screenshot.png (the README's picture of the editor) and
// docs/canvas-result-screenshot.png (a generated image on the canvas, default pack):
//   node bench/editor-screenshot.mjs [--no-build]
// A four-blob layout is opened through a ?layout= link and one blob is selected, so the
// picture shows the canvas, handles, inspector and blob list as a person sees them. The second
// picture generates a layout of things the default pack paints (needs WebGPU: SwiftShader here).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEditor } from './editor-preview.mjs';

const output = fileURLToPath(new URL('../docs/editor-screenshot.png', import.meta.url));
const resultOutput = fileURLToPath(new URL('../docs/canvas-result-screenshot.png', import.meta.url));

// Colours and patterns the default pack (blobgen-tiny-shapes) knows; the e2e specs generate it too.
const packLayout = JSON.parse(readFileSync(new URL('../e2e/support/defaultPackLayout.json', import.meta.url), 'utf8'));

const layout = {
  format: 'blobgen-layout',
  version: 1,
  caption: 'a cosy living room at dusk, warm light',
  blobs: [
    { id: 'window', cx: 0.7, cy: 0.27, a: 0.2, b: 0.14, theta: 0, description: 'a tall window with a purple evening sky' },
    { id: 'sofa', cx: 0.5, cy: 0.72, a: 0.36, b: 0.15, theta: 0, description: 'a grey fabric sofa with cushions' },
    { id: 'lamp', cx: 0.15, cy: 0.42, a: 0.3, b: 0.06, theta: Math.PI / 2 - 0.08, description: 'a brass floor lamp glowing warmly' },
    { id: 'cat', cx: 0.44, cy: 0.63, a: 0.1, b: 0.055, theta: -0.35, description: 'a sleeping ginger cat curled up' },
  ],
};

const editor = await startEditor({ skipBuild: process.argv.includes('--no-build') });
/** Closes every floating message; each click removes one, so always take the first. */
async function dismissMessages(page) {
  const buttons = page.getByRole('button', { name: 'Dismiss message' });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

try {
  const page = await editor.browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const param = Buffer.from(JSON.stringify(layout), 'utf8').toString('base64url');
  await page.goto(`${editor.baseUrl}?layout=${param}`);
  await page.getByTestId('canvas-blob').nth(3).waitFor();
  // Dismiss the messages (import, offline ready) and select the cat, as if a person clicked it.
  await page.getByRole('button', { name: 'Dismiss message' }).first().waitFor();
  await dismissMessages(page);
  await page.getByRole('button', { name: /^Select blob 4/ }).click();
  await page.mouse.move(5, 5);
  await page.getByText('Saved in this browser').waitFor();
  // The service worker's "ready to work offline" message comes once it is installed.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForTimeout(500);
  await dismissMessages(page);
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);

  const studio = await editor.browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await studio.goto(`${editor.baseUrl}?layout=${Buffer.from(JSON.stringify(packLayout), 'utf8').toString('base64url')}`);
  await studio.getByTestId('canvas-blob').nth(2).waitFor();
  await studio.getByTestId('generate-button').click();
  await studio.getByTestId('canvas-result').and(studio.locator('[data-kind="result"]')).waitFor({ timeout: 300_000 });
  await dismissMessages(studio);
  await studio.locator('.side-panel').evaluate((panel) => panel.scrollTo(0, 0));
  await studio.mouse.move(5, 5);
  await studio.screenshot({ path: resultOutput });
  console.log(`wrote ${resultOutput}`);
} finally {
  await editor.close();
}
