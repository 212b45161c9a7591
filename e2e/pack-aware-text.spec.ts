/**
 * Pack-aware text with the default pack, as a person meets it: the placeholders suggest only
 * words the pack knows, a word it does not know is marked where it is typed with a one-click fix
 * (one undo step), and the Examples menu loads a layout made for the pack (one undo step).
 * The pack's words come from its real tokenizer file, read here, not from a list in the spec.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './support/editorPage';
import { startStaticPackServer } from './support/staticPackServer';

const tokenizer = JSON.parse(readFileSync('public/models/blobgen-tiny-shapes/tokenizer.json', 'utf8')) as { model: { vocab: Record<string, number> } };
const packWords = new Set(Object.keys(tokenizer.model.vocab));

/** The words of the quoted example in a placeholder (“…”) that the pack's tokenizer lacks. */
function unknownQuotedWords(placeholder: string | null): string[] {
  const quoted = /“([^”]+)”/.exec(placeholder ?? '')?.[1];
  expect(quoted, `a quoted example in the placeholder ${String(placeholder)}`).toBeTruthy();
  return (quoted ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '' && !packWords.has(word));
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

test('placeholders in the pack’s words; an unknown word marked and fixed in one click, undoable', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // The menu appears once the studio has described the pack (the worker's `info` answer).
  await expect(page.getByTestId('examples-menu')).toBeVisible();

  const caption = page.getByTestId('caption-input');
  expect(unknownQuotedWords(await caption.getAttribute('placeholder'))).toEqual([]);

  await page.getByTestId('add-blob').click();
  const description = page.getByTestId('description-input');
  expect(unknownQuotedWords(await description.getAttribute('placeholder'))).toEqual([]);
  await description.click();
  await page.keyboard.type('a grey ball');
  const marks = page.getByTestId('unknown-word');
  await expect(marks).toHaveCount(1);
  await expect(marks).toHaveAttribute('data-word', 'grey');
  await expect(marks).toHaveAttribute('data-suggestion', 'gray');
  await expect(marks).toContainText('grey');
  expect(await seriousViolations(page)).toEqual([]);

  await marks.getByTestId('unknown-word-fix').click();
  await expect(description).toHaveValue('a gray ball');
  await expect(marks).toHaveCount(0);
  // The canvas label follows the document: the fix is a real edit, not a field-only change.
  await expect(editor.blob(1)).toHaveAttribute('aria-label', /a gray ball/);

  await page.keyboard.press('Control+z');
  await expect(description).toHaveValue('a grey ball');
  await expect(marks).toHaveCount(1);
  await page.keyboard.press('Control+z'); // the typing burst itself was one step before the fix
  await expect(description).toHaveValue('');

  // The caption field marks and fixes the same way.
  await caption.click();
  await page.keyboard.type('a Grey sky over grean ground');
  await expect(page.getByTestId('unknown-words-caption').getByTestId('unknown-word')).toHaveCount(2);
  await page.getByRole('button', { name: 'Replace “grean” with “green”' }).click();
  await expect(caption).toHaveValue('a Grey sky over green ground');
  await page.getByRole('button', { name: 'Replace “Grey” with “gray”' }).click();
  await expect(caption).toHaveValue('a Gray sky over green ground');
  await expect(marks).toHaveCount(0);
});

test('the Examples menu loads a layout made for the pack as one undo step', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const menu = page.getByTestId('examples-menu');
  await expect(menu).toBeVisible();
  await page.getByTestId('add-blob').click();
  await page.getByTestId('description-input').fill('my own red ball');
  await expect(editor.blobs).toHaveCount(1);

  await menu.locator('summary').click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('example-three-shapes').click();
  await expect(editor.blobs).toHaveCount(3);
  await expect(page.getByTestId('caption-input')).toHaveValue('a plain white background');
  await expect(editor.blob(2)).toHaveAttribute('aria-label', /a blue oval with yellow stripes/);
  // Written for the pack: nothing in it is marked.
  await editor.blob(2).click();
  await expect(page.getByTestId('description-input')).toHaveValue('a blue oval with yellow stripes');
  await expect(page.getByTestId('unknown-word')).toHaveCount(0);

  await page.keyboard.press('Escape');
  await page.getByTestId('undo').click();
  await expect(editor.blobs).toHaveCount(1);
  await expect(editor.blob(1)).toHaveAttribute('aria-label', /my own red ball/);
  await expect(page.getByTestId('caption-input')).toHaveValue('');
});

test('the open Examples menu stays on screen from a 390 px phone to 1920 px', async ({ page }) => {
  const editor = new EditorPage(page);
  const menu = page.getByTestId('examples-menu');
  const list = menu.locator('ul');
  for (const [width, height] of [[1920, 1080], [1024, 768], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await editor.open();
    await menu.locator('summary').click();
    await expect(list).toBeVisible();
    const box = await list.boundingBox();
    expect(box?.x ?? -1, `left edge at ${String(width)} px`).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 10_000), `right edge at ${String(width)} px`).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  // Esc closes it and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(menu.locator('summary')).toBeFocused();
  // A press outside closes it too.
  await menu.locator('summary').click();
  await expect(list).toBeVisible();
  await page.getByTestId('caption-input').click();
  await expect(list).toBeHidden();
});

test('an open-vocabulary (CLIP) pack marks nothing and offers no examples', async ({ page }) => {
  const packs = await startStaticPackServer('test-packs');
  try {
    const editor = new EditorPage(page);
    await editor.open(`?pack=${encodeURIComponent(`${packs.origin}/sd1-tiny/`)}`);
    // The studio has described the CLIP pack (its tokenizer reached the token counter).
    await expect(page.getByTestId('pack-summary')).toContainText('sd1-tiny', { timeout: 60_000 });
    await expect(page.getByTestId('token-counter')).toContainText('at most 77 tokens');
    await page.getByTestId('add-blob').click();
    await page.getByTestId('description-input').click();
    await page.keyboard.type('a grey ball');
    await page.getByTestId('caption-input').click();
    await page.keyboard.type('a cosy living room at dusk');
    await expect(page.getByTestId('description-input')).toHaveValue('a grey ball');
    await expect(page.getByTestId('unknown-word')).toHaveCount(0);
    await expect(page.getByTestId('examples-menu')).toHaveCount(0);
  } finally {
    await packs.close();
  }
});

