/**
 * Drives the editor like a person: real pointer drags (page.mouse) and real keys
 * (page.keyboard), with image coordinates mapped to screen pixels through the canvas's own
 * transform, so specs read in layout terms ("drag from (0.2, 0.3) to (0.5, 0.5)").
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface Point {
  x: number;
  y: number;
}

export interface BlobNumbers {
  cx: number;
  cy: number;
  a: number;
  b: number;
  angle: number;
}

export class EditorPage {
  constructor(readonly page: Page) {}

  /** A fresh app: empty IndexedDB (new context per test) and no leftover layout. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByTestId('save-status')).not.toHaveText(/Opening/);
  }

  get canvas(): Locator {
    return this.page.getByTestId('editor-canvas');
  }

  get blobs(): Locator {
    return this.page.getByTestId('canvas-blob');
  }

  blob(index: number): Locator {
    return this.page.locator(`[data-testid="canvas-blob"][data-index="${String(index)}"]`);
  }

  /** Normalised image point → client pixels, through the SVG's current screen transform. */
  async toScreen(point: Point): Promise<Point> {
    return this.canvas.evaluate((svg, p) => {
      const matrix = (svg as SVGSVGElement).getScreenCTM();
      if (!matrix) throw new Error('canvas has no screen transform');
      const screen = new DOMPoint(p.x * 1000, p.y * 1000).matrixTransform(matrix);
      return { x: screen.x, y: screen.y };
    }, point);
  }

  /** A real drag: press, several intermediate moves, release (optionally with a modifier held). */
  async drag(from: Point, to: Point, options: { steps?: number; modifier?: 'Shift' | 'Alt' } = {}): Promise<void> {
    const start = await this.toScreen(from);
    const end = await this.toScreen(to);
    await this.dragScreen(start, end, options);
  }

  async dragScreen(start: Point, end: Point, options: { steps?: number; modifier?: 'Shift' | 'Alt' } = {}): Promise<void> {
    const { mouse, keyboard } = this.page;
    await mouse.move(start.x, start.y);
    if (options.modifier) await keyboard.down(options.modifier);
    await mouse.down();
    await mouse.move(end.x, end.y, { steps: options.steps ?? 8 });
    await mouse.up();
    if (options.modifier) await keyboard.up(options.modifier);
  }

  /** Centre of a handle of the selected blob, in client pixels. */
  async handleCentre(name: string): Promise<Point> {
    const box = await this.page.getByTestId(`handle-${name}`).boundingBox();
    if (!box) throw new Error(`handle ${name} is not visible`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  field(name: keyof BlobNumbers): Locator {
    return this.page.getByTestId(`field-${name}`);
  }

  /** The selected blob's numbers as the inspector shows them. */
  async inspectorNumbers(): Promise<BlobNumbers> {
    const read = async (name: keyof BlobNumbers) => Number(await this.field(name).inputValue());
    return { cx: await read('cx'), cy: await read('cy'), a: await read('a'), b: await read('b'), angle: await read('angle') };
  }

  /** The whole document as Layout JSON, through the app's own "Copy JSON" export. */
  async documentJson(): Promise<{ caption: string; blobs: Record<string, unknown>[] }> {
    // The app writes the clipboard asynchronously: empty it first and wait for the new text, so a
    // read can never return the previous copy.
    await this.page.evaluate(() => navigator.clipboard.writeText(''));
    await this.page.getByTestId('copy-json').click();
    let text = '';
    await expect.poll(async () => (text = await this.page.evaluate(() => navigator.clipboard.readText()))).not.toBe('');
    return JSON.parse(text) as { caption: string; blobs: Record<string, unknown>[] };
  }

  /** Closes every message on screen, as a person would before working on the canvas under them. */
  async dismissNotices(): Promise<void> {
    const close = this.page.getByRole('button', { name: 'Dismiss message' });
    while ((await close.count()) > 0) await close.first().click();
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+z');
  }

  async redo(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+z');
  }

  /** Leaves any text field so editor shortcuts apply (Esc returns focus to the canvas). */
  async leaveField(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  notice(tone?: 'error' | 'warning' | 'success' | 'info'): Locator {
    return tone
      ? this.page.locator(`[data-testid="notice"][data-tone="${tone}"]`)
      : this.page.getByTestId('notice');
  }

  async pasteLayout(text: string): Promise<void> {
    await this.page.getByTestId('paste-input').fill(text);
    await this.page.getByTestId('import-pasted').click();
  }
}
