/**
 * The one device module: WebGPU presence, adapter, limits, features, software-adapter detection
 * and device loss. Tests and benchmarks call `requestGpuDevice`; the engine calls
 * `acquireEngineDevice`, which shares one GPUDevice between ORT sessions and our kernels
 * (docs/architecture.md §4: bring your own device to the native WebGPU EP).
 */
import { DeviceLostError } from '../../runtime/errors';
import { instrumentDevice, type BufferLedger } from '../bufferLedger';
import { GpuDeviceRequestError, WebGPUNotAvailableError } from '../gpuErrors';
import { withTimeout } from '../../util/withTimeout';

function didNotAnswer(what: string, ms: number): GpuDeviceRequestError {
  return new GpuDeviceRequestError(`${what} did not answer within ${String(ms)} ms`);
}

export interface GpuDeviceRequest {
  /** Adapter and device requests can hang on broken drivers; never wait forever. */
  timeoutMs?: number;
  requiredLimits?: Record<string, number>;
  requiredFeatures?: GPUFeatureName[];
}


/** The single place that checks for WebGPU, an adapter and a device, and turns each failure into one clear error. */
export async function requestGpuDevice(request: GpuDeviceRequest = {}): Promise<{ adapter: GPUAdapter; device: GPUDevice }> {
  const timeoutMs = request.timeoutMs ?? 15_000;
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    throw new WebGPUNotAvailableError(
      'This browser does not expose WebGPU (navigator.gpu is missing). Use a recent Chrome or Edge on desktop.',
    );
  }
  const adapter = await withTimeout(navigator.gpu.requestAdapter({ powerPreference: 'high-performance' }), timeoutMs, () => didNotAnswer('requestAdapter()', timeoutMs));
  if (!adapter) {
    throw new WebGPUNotAvailableError(
      'WebGPU is present but no GPU adapter was found. Enable hardware acceleration, or start Chromium with --enable-unsafe-webgpu. After repeated GPU crashes the browser may withhold the GPU from this site until it is restarted.',
    );
  }
  const requiredLimits: Record<string, number> = {};
  for (const [name, wanted] of Object.entries(request.requiredLimits ?? {})) {
    const supported = (adapter.limits as unknown as Record<string, number>)[name];
    if (supported === undefined || supported < wanted) {
      throw new GpuDeviceRequestError(`This GPU supports ${name} = ${supported ?? 'none'}, but ${wanted} is required.`);
    }
    requiredLimits[name] = wanted;
  }
  const device = await withTimeout(
    adapter.requestDevice({ requiredLimits, requiredFeatures: request.requiredFeatures ?? [] }),
    timeoutMs,
    () => didNotAnswer('requestDevice()', timeoutMs),
  );
  return { adapter, device };
}

/** A software rasteriser (SwiftShader, a fallback adapter): ORT's WebGPU kernels are slow there and workgroup barriers cost ~9×. */
export function isSoftwareAdapter(info: (Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean }) | undefined): boolean {
  if (!info) return false;
  return info.isFallbackAdapter === true || /swiftshader/i.test(`${info.architecture ?? ''} ${info.vendor ?? ''} ${info.description ?? ''}`);
}

/** The same check from a device alone; `device.adapterInfo` exists on Chrome ≥ 131, and a device without it counts as a real GPU. */
export function isSoftwareDevice(device: GPUDevice): boolean {
  return isSoftwareAdapter((device as GPUDevice & { adapterInfo?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).adapterInfo);
}

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
  const isSoftware = isSoftwareAdapter(info);
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
