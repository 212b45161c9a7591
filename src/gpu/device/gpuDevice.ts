import { GpuDeviceRequestError, WebGPUNotAvailableError } from './gpuErrors';

export interface GpuDeviceRequest {
  /** Adapter and device requests can hang on broken drivers; never wait forever. */
  timeoutMs?: number;
  requiredLimits?: Record<string, number>;
  requiredFeatures?: GPUFeatureName[];
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new GpuDeviceRequestError(`${what} did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The single place that checks for WebGPU, an adapter and a device, and turns each failure into one clear error. */
export async function requestGpuDevice(request: GpuDeviceRequest = {}): Promise<{ adapter: GPUAdapter; device: GPUDevice }> {
  const timeoutMs = request.timeoutMs ?? 15_000;
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    throw new WebGPUNotAvailableError(
      'This browser does not expose WebGPU (navigator.gpu is missing). Use a recent Chrome or Edge on desktop.',
    );
  }
  const adapter = await withTimeout(navigator.gpu.requestAdapter({ powerPreference: 'high-performance' }), timeoutMs, 'requestAdapter()');
  if (!adapter) {
    throw new WebGPUNotAvailableError(
      'WebGPU is present but no GPU adapter was found. Enable hardware acceleration, or start Chromium with --enable-unsafe-webgpu.',
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
    'requestDevice()',
  );
  return { adapter, device };
}
