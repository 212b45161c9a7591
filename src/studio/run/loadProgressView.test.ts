import { describe, expect, it } from 'vitest';
import { loadProgressView } from './loadProgressView';

describe('loadProgressView', () => {
  it('gives the share of the pack downloaded, and no fraction for stages without bytes', () => {
    expect(loadProgressView({ stage: 'download', path: 'unet.onnx', fileIndex: 2, fileCount: 11, loadedBytes: 2_500_000, totalBytes: 10_000_000, fromCache: false })).toEqual({
      detail: 'Loading model file 3 of 11 (25 %)',
      fraction: 0.25,
    });
    expect(loadProgressView({ stage: 'download', path: 'a', fileIndex: 0, fileCount: 1, loadedBytes: 5, totalBytes: 0, fromCache: true }).fraction).toBe(1);
    expect(loadProgressView({ stage: 'device' }, 'Reloading: ')).toEqual({ detail: 'Reloading: Starting the GPU…' });
    expect(loadProgressView({ stage: 'compile', graph: 'unet', index: 0, count: 3 }).fraction).toBeUndefined();
  });
});
