import { expect, test } from '@playwright/test';
import { EditorPage, type Point } from './support/editorPage';

test.use({ hasTouch: true });

/** Records the pointerType of every pointerdown on the canvas, to prove which input was used. */
async function recordPointerTypes(editor: EditorPage): Promise<() => Promise<string[]>> {
  await editor.canvas.evaluate((svg) => {
    const seen: string[] = [];
    (window as unknown as { seenPointerTypes: string[] }).seenPointerTypes = seen;
    svg.addEventListener('pointerdown', (event) => seen.push((event as PointerEvent).pointerType), true);
  });
  return () => editor.page.evaluate(() => (window as unknown as { seenPointerTypes: string[] }).seenPointerTypes);
}

const steps = (from: Point, to: Point, count: number): Point[] =>
  Array.from({ length: count }, (_, i) => ({
    x: from.x + ((to.x - from.x) * (i + 1)) / count,
    y: from.y + ((to.y - from.y) * (i + 1)) / count,
  }));

test('a touch drag draws a blob and a second touch drag moves it', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const seen = await recordPointerTypes(editor);
  const cdp = await page.context().newCDPSession(page);
  const touchDrag = async (from: Point, to: Point) => {
    const a = await editor.toScreen(from);
    const b = await editor.toScreen(to);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: a.x, y: a.y }] });
    for (const p of steps(a, b, 8)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: p.x, y: p.y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  await touchDrag({ x: 0.2, y: 0.2 }, { x: 0.6, y: 0.4 });
  await expect(editor.blobs).toHaveCount(1);
  await expect(editor.field('cx')).toHaveValue('0.400');
  await touchDrag({ x: 0.4, y: 0.3 }, { x: 0.5, y: 0.5 });
  await expect(editor.field('cx')).toHaveValue('0.500');
  await expect(editor.field('cy')).toHaveValue('0.500');
  expect(await seen()).toEqual(['touch', 'touch']);
});

test('a pen drag draws a blob', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const seen = await recordPointerTypes(editor);
  const cdp = await page.context().newCDPSession(page);
  const a = await editor.toScreen({ x: 0.3, y: 0.3 });
  const b = await editor.toScreen({ x: 0.7, y: 0.5 });
  const pen = { pointerType: 'pen', button: 'left', clickCount: 1 } as const;
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: a.x, y: a.y, buttons: 1, ...pen });
  for (const p of steps(a, b, 8)) await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: p.x, y: p.y, buttons: 1, ...pen });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: b.x, y: b.y, buttons: 0, ...pen });
  await expect(editor.blobs).toHaveCount(1);
  await expect(editor.field('a')).toHaveValue('0.200');
  await expect(editor.field('b')).toHaveValue('0.100');
  expect(await seen()).toEqual(['pen']);
});
