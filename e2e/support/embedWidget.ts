/**
 * Steps shared by the embed specs: open the host page, mount the widget through the real loader
 * (window.BlobGenEmbed from /embed.js), record what the widget tells the host, and reach into the
 * widget's frame like a person would (pointer, keys) through Playwright's frame locators.
 */
import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test';
// window.BlobGenEmbed's type (the loader declares it globally).
import type {} from '../../src/embed/loader/index';

export const WIDGET_FRAME = 'iframe[title="BlobGEN layout widget"]';

export interface MountReport {
  ok: boolean;
  ms: number;
  error?: { name: string; message: string };
}

export async function openHost(page: Page, hostOrigin: string): Promise<void> {
  await page.goto(`${hostOrigin}/`);
  await page.waitForFunction(() => typeof window.BlobGenEmbed?.mount === 'function');
}

/** Mounts into #widget-slot and records every event in window.__events; returns how long mount took. */
export async function mountWidget(page: Page, options: Record<string, unknown> = {}): Promise<MountReport> {
  return page.evaluate(async (opts) => {
    const w = window as unknown as { __events: { name: string; event: unknown }[]; __widget: unknown };
    w.__events = [];
    const slot = document.getElementById('widget-slot');
    if (!slot || !window.BlobGenEmbed) throw new Error('host page is missing the slot or the loader');
    const start = performance.now();
    try {
      const widget = await window.BlobGenEmbed.mount(slot, opts);
      const ms = performance.now() - start;
      w.__widget = widget;
      for (const name of ['ready', 'layoutchange', 'progress', 'result', 'error'] as const) {
        widget.on(name, (event: unknown) => {
          // Blobs do not survive page.evaluate; record their size and type instead.
          const e = event as Record<string, unknown>;
          const record = name === 'result' ? { ...e, png: { size: (e.png as Blob).size, type: (e.png as Blob).type } } : name === 'error' ? { name: (e as unknown as Error).name, message: (e as unknown as Error).message } : e;
          w.__events.push({ name, event: record });
        });
      }
      return { ok: true, ms };
    } catch (error) {
      const e = error as Error;
      return { ok: false, ms: performance.now() - start, error: { name: e.name, message: e.message } };
    }
  }, options);
}

export function recordedEvents(page: Page, name?: string): Promise<{ name: string; event: Record<string, unknown> }[]> {
  return page.evaluate((wanted) => {
    const events = (window as unknown as { __events?: { name: string; event: Record<string, unknown> }[] }).__events ?? [];
    return wanted ? events.filter((e) => e.name === wanted) : events;
  }, name);
}

export function widgetFrame(page: Page): FrameLocator {
  return page.frameLocator(WIDGET_FRAME);
}

/** The widget's Frame object (for evaluate inside it); waits until it has loaded embed.html. */
export async function widgetFrameHandle(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/embed.html'))).toBe(true);
  const frame = page.frames().find((f) => f.url().includes('/embed.html'));
  if (!frame) throw new Error('the widget frame is not there');
  return frame;
}

/**
 * Counts uncaught errors in BOTH frames: Playwright's pageerror for the host page, and window
 * error / unhandledrejection listeners installed inside the widget's (cross-origin) frame.
 */
export async function watchErrors(page: Page): Promise<() => Promise<string[]>> {
  const hostErrors: string[] = [];
  page.on('pageerror', (error) => hostErrors.push(`host or frame pageerror: ${error.message}`));
  const frame = await widgetFrameHandle(page);
  await frame.evaluate(() => {
    const w = window as unknown as { __uncaught: string[] };
    w.__uncaught = [];
    window.addEventListener('error', (event) => w.__uncaught.push(`error: ${event.message}`));
    window.addEventListener('unhandledrejection', (event) => w.__uncaught.push(`unhandledrejection: ${String(event.reason)}`));
  });
  return async () => [...hostErrors, ...(await frame.evaluate(() => (window as unknown as { __uncaught: string[] }).__uncaught))];
}

/** Reads the widget's layout through the host API. */
export function hostGetLayout(page: Page): Promise<{ caption: string; blobs: { id: string; cx: number; cy: number; description: string }[] }> {
  return page.evaluate(() => (window as unknown as { __widget: { getLayout(): Promise<never> } }).__widget.getLayout());
}
