import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../layout/types';
import { TEST_PACK_URL } from '../runtime/testing/goldenRun';
import { GeneratePanel } from './GeneratePanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const layout: LayoutDocument = {
  caption: 'a plain blue background',
  blobs: [{ id: 'a', cx: 0.5, cy: 0.5, a: 0.25, b: 0.2, theta: 0.3, description: 'a red blob' }],
};

let root: Root | null = null;
let host: HTMLElement | null = null;
function mount(element: React.ReactElement) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(element));
  return host;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; panel says: ${host?.textContent ?? ''}`);
    await act(() => new Promise((r) => setTimeout(r, 100)));
  }
}

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
});

describe('GeneratePanel', () => {
  it('explains when the browser has no WebGPU and offers no Generate button', () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'gpu');
    Object.defineProperty(Navigator.prototype, 'gpu', { configurable: true, get: () => undefined });
    try {
      const el = mount(<GeneratePanel layout={layout} />);
      expect(el.querySelector('[role="alert"]')?.textContent).toMatch(/needs WebGPU.*keep editing/);
      expect([...el.querySelectorAll('button')].some((b) => b.textContent === 'Generate')).toBe(false);
    } finally {
      if (original) Object.defineProperty(Navigator.prototype, 'gpu', original);
    }
  });

  it('shows a readable error when the model pack cannot be loaded', async () => {
    const el = mount(<GeneratePanel layout={layout} packUrl="/models/does-not-exist/" />);
    act(() => el.querySelector<HTMLButtonElement>('button')?.click());
    await waitFor(() => el.querySelector('.generate-panel__error') !== null, 60_000, 'an error');
    expect(el.querySelector('.generate-panel__error')?.textContent).toMatch(/No model pack at .*does-not-exist/);
  });

  it('generates an image with progress through the real worker', async () => {
    const el = mount(<GeneratePanel layout={layout} packUrl={TEST_PACK_URL} />);
    act(() => el.querySelector<HTMLButtonElement>('button')?.click());
    await waitFor(() => el.querySelector('progress') !== null || /Done/.test(el.textContent ?? ''), 120_000, 'progress');
    await waitFor(() => /Done in/.test(el.textContent ?? ''), 240_000, 'the result');
    const canvas = el.querySelector<HTMLCanvasElement>('canvas[aria-label="Generated image"]');
    expect(canvas?.width).toBeGreaterThan(0);
  }, 300_000);
});
