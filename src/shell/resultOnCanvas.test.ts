import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCanvasComparePosition, useCanvasResultStore } from '../editor/canvas/canvasResultStore';
import { setComparePosition, useComparePosition } from '../studio/compare/comparePositionStore';
import { pushResult, useRunStore, type StudioResult } from '../studio/run/runStore';
import { connectResultToCanvas } from './resultOnCanvas';

const image = (width: number, fill: number) => ({ width, height: width, data: new Uint8ClampedArray(width * width * 4).fill(fill) });

function result(id: string, width = 4, fill = 100): StudioResult {
  return {
    id,
    layout: { caption: 'c', blobs: [] },
    settings: { seed: 7, steps: 4, guidance: 3, sampler: 'ddim' } as StudioResult['settings'],
    image: image(width, fill),
    png: new Blob([]),
  };
}

let disconnect: () => void = () => {};
beforeEach(() => {
  useRunStore.setState({ latest: null, previous: null, batch: [], progress: { status: 'idle' } });
  useComparePosition.setState({ position: 50 });
  useCanvasResultStore.setState({ image: null, before: null, comparePosition: 50 });
  disconnect = connectResultToCanvas();
});
afterEach(() => disconnect());

describe('connectResultToCanvas', () => {
  it('shows the live preview while a run goes, then the result, and the result before it when it has the same size', () => {
    expect(useCanvasResultStore.getState().image).toBeNull();
    const preview = image(4, 9);
    useRunStore.setState({ progress: { status: 'running', label: 'Generating', step: 2, steps: 4, preview, cancelling: false } });
    expect(useCanvasResultStore.getState().image).toMatchObject({ kind: 'preview', pixels: preview });
    const first = result('a');
    pushResult(first);
    useRunStore.setState({ progress: { status: 'idle' } });
    expect(useCanvasResultStore.getState().image).toMatchObject({ kind: 'result', pixels: first.image, label: 'Generated image, seed 7, 4 steps' });
    expect(useCanvasResultStore.getState().before).toBeNull();
    const second = result('b', 4, 200);
    pushResult(second);
    expect(useCanvasResultStore.getState().image?.pixels).toBe(second.image);
    expect(useCanvasResultStore.getState().before?.pixels).toBe(first.image);
    pushResult(result('c', 8)); // another size (another pack): nothing to compare against
    expect(useCanvasResultStore.getState().before).toBeNull();
  });

  it('a run that starts without a preview yet keeps the latest result on the canvas; disconnecting clears it', () => {
    const first = result('a');
    pushResult(first);
    useRunStore.setState({ progress: { status: 'running', label: 'Generating', step: 0, steps: 4, preview: null, cancelling: false } });
    expect(useCanvasResultStore.getState().image?.pixels).toBe(first.image);
    disconnect();
    disconnect = () => {};
    expect(useCanvasResultStore.getState().image).toBeNull();
  });

  it('mirrors the before/after split both ways, clamped to 0–100', () => {
    setComparePosition(30);
    expect(useCanvasResultStore.getState().comparePosition).toBe(30);
    setCanvasComparePosition(80);
    expect(useComparePosition.getState().position).toBe(80);
    setCanvasComparePosition(140);
    expect(useComparePosition.getState().position).toBe(100);
  });
});
