/**
 * Every scripted endpoint failure, in the browser: each is explained (what happened, what to do)
 * and none changes the layout. Also: unusable lines are listed with the reason, a cut stream
 * offers what arrived, and the key is stored only when asked and sent only to the endpoint.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './support/editorPage';
import { SCRIPT_CAPTION, startFakeChatServer } from './support/fakeChatServer';
import { LAYOUT } from './support/studioGeneration';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], actionTimeout: 30_000 });
test.setTimeout(180_000);

async function openWithLayout(page: Page): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await editor.open(`?layout=${Buffer.from(JSON.stringify(LAYOUT)).toString('base64url')}`);
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  return editor;
}

/** Unfolds the endpoint settings if they are folded (they fold once they are valid). */
async function openSettings(page: Page): Promise<void> {
  const settings = page.getByTestId('llm-settings');
  if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
}

async function ask(page: Page, baseUrl: string, model: string, key = ''): Promise<void> {
  await openSettings(page);
  await page.getByTestId('llm-base-url').fill(baseUrl);
  await page.getByTestId('llm-model').fill(model);
  await page.getByTestId('llm-key').fill(key);
  await page.getByTestId('llm-caption').fill(SCRIPT_CAPTION);
  await page.getByTestId('llm-suggest').click();
  await expect(page.getByTestId('llm-panel')).not.toHaveAttribute('data-status', 'streaming', { timeout: 20_000 });
}

test('each endpoint failure is explained and leaves the layout as it was', async ({ page }) => {
  const server = await startFakeChatServer({ requiredKey: 'sk-right' });
  try {
    const editor = await openWithLayout(page);
    const before = await editor.documentJson();
    const cases: [string, string, string, RegExp][] = [
      ['good', 'sk-wrong', 'unauthorized', /Key refused.*HTTP 401.*Invalid API key/],
      ['no-such-model', 'sk-right', 'unknown-model', /Unknown model.*“no-such-model”.*ollama pull/],
      // Retry-After is not readable cross-origin unless the server exposes it; the advice still says to wait.
      ['ratelimit', 'sk-right', 'rate-limit', /Rate limited.*HTTP 429.*Rate limit reached.*Wait/],
      ['html', 'sk-right', 'not-json', /Not a JSON answer.*text\/html/],
      ['slow', 'sk-right', 'timeout', /Timed out.*sent nothing for 1 s/],
      ['drop', 'sk-right', 'stream-cut', /Answer cut off.*ended mid-answer/],
    ];
    for (const [model, key, kind, message] of cases) {
      // A short timeout only where it is the point, so a busy machine cannot time out the others.
      await openSettings(page);
      await page.getByTestId('llm-timeout').fill(model === 'slow' ? '1' : '60');
      await ask(page, server.baseUrl, model, key);
      const error = page.getByTestId('llm-error');
      await expect(error).toHaveAttribute('data-kind', kind);
      await expect(error).toHaveText(message);
      await expect(error).toContainText('The layout was not changed.');
      if (kind === 'stream-cut') {
        // The complete line that arrived is shown and can be taken, by choice only.
        await expect(page.getByTestId('ghost-blob')).toHaveCount(1);
        await expect(page.getByTestId('llm-accept')).toHaveText('Accept the 1 blob that arrived');
      }
      await page.getByTestId('llm-reject').click();
      await expect(page.getByTestId('ghost-blob')).toHaveCount(0);
    }
    expect(await editor.documentJson()).toEqual(before);
    // The key went to this endpoint, as a Bearer header, and the prompts with it.
    expect(new Set(server.chatRequests().map((r) => r.authorization))).toEqual(new Set(['Bearer sk-wrong', 'Bearer sk-right']));
  } finally {
    await server.close();
  }
});

test('CORS refused: the server answers but allows no other origin; the message says what to set', async ({ page }) => {
  const server = await startFakeChatServer({ cors: false });
  try {
    const editor = await openWithLayout(page);
    const before = await editor.documentJson();
    await ask(page, server.baseUrl, 'good');
    const error = page.getByTestId('llm-error');
    await expect(error).toHaveAttribute('data-kind', 'cors');
    await expect(error).toContainText('does not allow this page');
    await expect(error).toContainText('OLLAMA_ORIGINS');
    await expect(error).toContainText(`OLLAMA_ORIGINS="${new URL(page.url()).origin}"`);
    await expect(error).toContainText('Enable CORS');
    expect(await editor.documentJson()).toEqual(before);
  } finally {
    await server.close();
  }
});

test('malformed lines are listed with the reason, repairs are noted, the usable blobs can be accepted', async ({ page }) => {
  const server = await startFakeChatServer();
  try {
    await openWithLayout(page);
    await ask(page, server.baseUrl, 'malformed');
    await expect(page.getByTestId('llm-status')).toContainText('Suggested 2 blobs');
    const rejected = page.getByTestId('llm-rejected-line');
    await expect(rejected).toHaveCount(3);
    await expect(rejected.nth(0)).toContainText('answer 1, line 2: major-radius: must be a number of px, got "big"');
    await expect(rejected.nth(1)).toContainText('answer 1, line 3: missing cx');
    await expect(rejected.nth(2)).toContainText('answer 1, line 4: looks like blob parameters but has no {…}');
    await expect(page.getByTestId('llm-notes')).toContainText('angle 270 is outside 0–180');
    await expect(page.getByTestId('llm-notes')).toContainText('changed to 768px');
    // The panel with its report open: no serious accessibility findings.
    const axe = await new AxeBuilder({ page }).include('[data-testid="llm-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.getByTestId('llm-accept').click();
    await expect(page.getByTestId('blob-list-item')).toHaveCount(2);
  } finally {
    await server.close();
  }
});

test('the key is stored only when "remember" is ticked', async ({ page }) => {
  await openWithLayout(page);
  const stored = () => page.evaluate(() => localStorage.getItem('blobgen-llm-endpoint-v1') ?? '');
  await page.getByTestId('llm-base-url').fill('http://127.0.0.1:9/v1');
  await page.getByTestId('llm-model').fill('m');
  await page.getByTestId('llm-key').fill('sk-secret');
  expect(await stored()).toContain('127.0.0.1:9');
  expect(await stored()).not.toContain('sk-secret');
  await page.reload();
  await openSettings(page);
  await expect(page.getByTestId('llm-base-url')).toHaveValue('http://127.0.0.1:9/v1');
  await expect(page.getByTestId('llm-key')).toHaveValue('');
  await page.getByTestId('llm-key').fill('sk-secret');
  await page.getByTestId('llm-remember-key').check();
  expect(await stored()).toContain('sk-secret');
  await page.reload();
  await openSettings(page);
  await expect(page.getByTestId('llm-key')).toHaveValue('sk-secret');
  await page.getByTestId('llm-remember-key').uncheck();
  expect(await stored()).not.toContain('sk-secret');
});

test('Stop ends a streaming answer: the layout is unchanged, what arrived can still be accepted on purpose', async ({ page }) => {
  const server = await startFakeChatServer();
  try {
    const editor = await openWithLayout(page);
    const before = await editor.documentJson();
    await openSettings(page);
    await page.getByTestId('llm-base-url').fill(server.baseUrl);
    await page.getByTestId('llm-model').fill('gated'); // holds the answer after two lines
    await page.getByTestId('llm-caption').fill(SCRIPT_CAPTION);
    await page.getByTestId('llm-suggest').click();
    await expect(page.getByTestId('ghost-blob')).toHaveCount(2);
    await page.getByTestId('llm-stop').click();
    await expect(page.getByTestId('llm-status')).toHaveText('Stopped.');
    await expect(page.getByTestId('llm-error')).toHaveCount(0);
    expect(await editor.documentJson()).toEqual(before);
    await page.getByTestId('llm-accept').click(); // "Accept the 2 blobs that arrived"
    await expect(page.getByTestId('blob-list-item')).toHaveCount(2);
  } finally {
    await server.close();
  }
});
