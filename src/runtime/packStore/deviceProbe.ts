/**
 * What this device's WebGPU adapter offers, for the model manager to say before any download
 * whether a pack can run here (selectVariant decides from the manifest and these numbers). Only
 * the adapter is asked; no device is created.
 */
import type { DeviceCapabilities } from '../pack/selectVariant';

const PROBE_TIMEOUT_MS = 5_000;
let probe: Promise<DeviceCapabilities | null> | null = null;

/** null when this browser has no WebGPU adapter (the message is then about WebGPU itself). */
export function probeDeviceCapabilities(): Promise<DeviceCapabilities | null> {
  probe ??= (async () => {
    if (typeof navigator === 'undefined' || !navigator.gpu) return null;
    // requestAdapter() can hang on some drivers: never wait for it forever.
    const adapter = await Promise.race([navigator.gpu.requestAdapter().catch(() => null), new Promise<null>((done) => setTimeout(() => done(null), PROBE_TIMEOUT_MS))]);
    if (!adapter) return null;
    const info = adapter.info;
    return {
      hasShaderF16: adapter.features.has('shader-f16'),
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      description: [info.vendor, info.architecture].filter(Boolean).join(' ') || 'this GPU',
    };
  })();
  return probe;
}
