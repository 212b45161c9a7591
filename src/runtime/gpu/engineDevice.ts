/**
 * The one GPUDevice shared by ORT sessions and our kernels (test-environment.md: bring your own
 * device to the native WebGPU EP). Requests the adapter's largest buffer limits, turns device loss
 * into a typed error, and instruments buffer accounting.
 */
import { requestGpuDevice } from '../../gpu/requestGpuDevice';
import { DeviceLostError } from '../errors';
import { instrumentDevice, type BufferLedger } from './bufferLedger';

export interface EngineDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
  ledger: BufferLedger;
  hasShaderF16: boolean;
  isSoftware: boolean;
  /** Resolves with a DeviceLostError when the device is lost (never rejects). */
  lost: Promise<DeviceLostError>;
  description: string;
}

const WANTED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

export async function acquireEngineDevice(timeoutMs = 30_000): Promise<EngineDevice> {
  // First probe the adapter for what it can do, then ask for those limits (ORT's own device
  // request does the same; the default device caps storage bindings at 128 MiB).
  const probe = await requestGpuDevice({ timeoutMs });
  const limits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) {
    const value = (probe.adapter.limits as unknown as Record<string, number>)[name];
    if (typeof value === 'number') limits[name] = value;
  }
  const features = (['shader-f16', 'timestamp-query', 'subgroups'] as GPUFeatureName[]).filter((f) => probe.adapter.features.has(f));
  probe.device.destroy();
  const { adapter, device } = await requestGpuDevice({ timeoutMs, requiredLimits: limits, requiredFeatures: features });
  const info = adapter.info;
  const isSoftware = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true || /swiftshader/i.test(`${info.architecture} ${info.vendor} ${info.description}`);
  const lost = device.lost.then(
    (why) => new DeviceLostError(`The GPU device was lost (${why.reason}: ${why.message || 'no details'}). Reload the model to continue; if it keeps happening, close other GPU-heavy tabs.`),
  );
  return {
    adapter,
    device,
    ledger: instrumentDevice(device),
    hasShaderF16: device.features.has('shader-f16'),
    isSoftware,
    lost,
    description: [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ') || 'unknown GPU',
  };
}
