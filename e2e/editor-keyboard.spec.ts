import { expect, test } from '@playwright/test';
import { EditorPage } from './support/editorPage';

test('everything by keyboard: add, Tab-select, nudge, duplicate, reorder, delete, undo/redo, Esc', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const addBlob = page.getByTestId('add-blob');
  await addBlob.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(editor.blobs).toHaveCount(2);

  // Tab from the toolbar reaches the canvas blobs; focusing a blob selects it.
  await editor.blob(1).focus();
  await expect(editor.blob(1)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await expect(editor.blob(2)).toBeFocused();
  await expect(editor.blob(2)).toHaveAttribute('aria-pressed', 'true');
  await expect(editor.blob(1)).toHaveAttribute('aria-pressed', 'false');

  // Arrows nudge by 0.005, Shift+arrows by 0.025.
  const start = await editor.inspectorNumbers();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(editor.field('cx')).toHaveValue((start.cx + 0.01).toFixed(3));
  await expect(editor.field('cy')).toHaveValue((start.cy + 0.025).toFixed(3));

  // Ctrl+D duplicates just above the original and selects the copy.
  await page.keyboard.press('Control+d');
  await expect(editor.blobs).toHaveCount(3);
  await expect(editor.blob(3)).toHaveAttribute('aria-pressed', 'true');

  // [ lowers the selected blob one step in stacking order, ] raises it again.
  const selectedId = await editor.blob(3).getAttribute('data-blob-id');
  await page.keyboard.press('[');
  await expect(editor.blob(2)).toHaveAttribute('data-blob-id', selectedId ?? '');
  await page.keyboard.press('[');
  await expect(editor.blob(1)).toHaveAttribute('data-blob-id', selectedId ?? '');
  await page.keyboard.press(']');
  await expect(editor.blob(2)).toHaveAttribute('data-blob-id', selectedId ?? '');

  // Delete removes; Ctrl+Z brings it back; Ctrl+Y redoes the delete.
  await page.keyboard.press('Delete');
  await expect(editor.blobs).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(editor.blobs).toHaveCount(3);
  await page.keyboard.press('Control+y');
  await expect(editor.blobs).toHaveCount(2);
  await page.keyboard.press('Control+Shift+z'); // nothing left to redo: harmless
  await expect(editor.blobs).toHaveCount(2);

  // Esc deselects.
  await editor.blob(1).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector')).toContainText('Select a blob');
});

test('shortcut keys typed into text fields stay text', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.getByTestId('add-blob').click();
  await page.getByTestId('description-input').click();
  await page.keyboard.type('a [big] red ball');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('description-input')).toHaveValue('a [big] red bal');
  await expect(editor.blobs).toHaveCount(1);
  await expect(editor.blob(1)).toHaveAttribute('aria-label', 'Blob 1: a [big] red bal');
});

test('inspector fields validate as you type and never apply an invalid value', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.getByTestId('add-blob').click();
  const a = editor.field('a');
  await a.fill('0.3');
  await expect(page.getByTestId('field-a-error')).toHaveCount(0);
  await a.fill('-1');
  await expect(page.getByTestId('field-a-error')).toContainText('between');
  await expect(a).toHaveAttribute('aria-invalid', 'true');
  await a.fill('abc');
  await expect(page.getByTestId('field-a-error')).toBeVisible();
  await a.blur();
  await expect(a).toHaveValue('0.300'); // the last valid value is what the document holds
  await editor.field('angle').fill('30');
  await editor.field('angle').blur();
  await expect(editor.field('angle')).toHaveValue('30.0');
  // Arrow keys step the value (Shift: ten steps).
  await editor.field('angle').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(editor.field('angle')).toHaveValue('41.0');
});

test('the blob list selects, reorders, hides, locks and deletes', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.getByTestId('add-blob').click();
  await page.getByTestId('add-blob').click();
  const rows = page.getByTestId('blob-list-item');
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Select blob 1: no description' }).click();
  await expect(editor.blob(1)).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Bring blob 1 forward' }).click();
  await expect(editor.blob(2)).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Hide blob 2' }).click();
  await expect(editor.blobs).toHaveCount(1);
  await page.getByRole('button', { name: 'Hide blob 2' }).click();
  await expect(editor.blobs).toHaveCount(2);
  await page.getByRole('button', { name: 'Lock blob 1' }).click();
  await editor.blob(1).focus();
  await expect(editor.field('cx')).toBeDisabled();
  await page.keyboard.press('ArrowRight'); // locked: not moved, a message says why
  await expect(editor.notice('info').filter({ hasText: 'locked' })).toBeVisible(); // other info notices (offline ready) may show too
  await page.getByRole('button', { name: 'Delete blob 1' }).click();
  await expect(rows).toHaveCount(1);
  // Clear empties the layout in one undoable step.
  await page.getByTestId('clear-layout').click();
  await expect(rows).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(rows).toHaveCount(1);
});
