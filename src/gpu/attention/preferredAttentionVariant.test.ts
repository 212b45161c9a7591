import { describe, expect, it } from 'vitest';
import { preferredAttentionVariant } from './MaskedCrossAttention';

const deviceWith = (adapterInfo?: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean }) => ({ adapterInfo }) as unknown as GPUDevice;

describe('preferredAttentionVariant', () => {
  it('picks the barrier-free kernel on software adapters and the tiled one on GPUs', () => {
    expect(preferredAttentionVariant(deviceWith({ vendor: 'google', architecture: 'swiftshader' }))).toBe('direct');
    expect(preferredAttentionVariant(deviceWith({ vendor: 'x', architecture: '', isFallbackAdapter: true }))).toBe('direct');
    expect(preferredAttentionVariant(deviceWith({ vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: false }))).toBe('tiled');
    // Older browsers without device.adapterInfo: assume a real GPU (correct either way, only speed differs).
    expect(preferredAttentionVariant(deviceWith(undefined))).toBe('tiled');
  });
});
