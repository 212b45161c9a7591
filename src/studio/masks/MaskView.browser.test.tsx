import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { act } from 'react';
import type { PackDescription } from '../../worker/protocol';
import { MaskView } from './MaskView';

let root: Root | null = null;
function render(node: React.ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(node));
}
afterEach(() => act(() => root?.unmount()));

const layout = {
  caption: 'a plain blue background',
  blobs: [
    { id: 'b1', cx: 0.5, cy: 0.5, a: 0.25, b: 0.25, theta: 0, description: 'red' },
    { id: 'b2', cx: 0.2, cy: 0.2, a: 0.1, b: 0.1, theta: 0, description: 'hidden one', hidden: true },
    { id: 'b3', cx: 0.8, cy: 0.8, a: 0.1, b: 0.05, theta: 1, description: 'red' },
  ],
};
const details = { sites: [{ height: 8, width: 8 }, { height: 4, width: 4 }], mask: { mode: 'coverage' } } as unknown as PackDescription;

describe('MaskView', () => {
  it('shows one mask per generated blob at each site resolution, like the reference rasteriser', async () => {
    render(<MaskView layout={layout} details={details} />);
    await expect.element(page.getByTestId('mask-overlay')).toHaveAttribute('data-resolution', '8x8');
    const legend = page.getByTestId('mask-legend-item');
    expect(legend.elements()).toHaveLength(2); // the hidden blob is not generated
    // A centred circle of radius 0.25 covers π/16 of the image: about 12.6 of 64 cells.
    expect(Number(legend.elements()[0]?.getAttribute('data-coverage'))).toBeCloseTo((Math.PI / 16) * 64, 0);
    await page.getByTestId('mask-site').nth(1).click();
    await expect.element(page.getByTestId('mask-overlay')).toHaveAttribute('data-resolution', '4x4');
  });

  it('shows the engine’s GPU readback instead when it has one, and says so', async () => {
    const gpu = [{ resolution: { height: 2, width: 2 }, masks: [Float32Array.of(1, 0, 0, 0), Float32Array.of(0, 0, 0, 0.5)] }];
    render(<MaskView layout={layout} details={details} gpuSites={gpu} />);
    await expect.element(page.getByTestId('mask-view')).toHaveAttribute('data-source', 'gpu');
    await expect.element(page.getByTestId('mask-overlay')).toHaveAttribute('data-resolution', '2x2');
    expect(page.getByTestId('mask-legend-item').elements().map((e) => e.getAttribute('data-coverage'))).toEqual(['1.000', '0.500']);
  });
});
