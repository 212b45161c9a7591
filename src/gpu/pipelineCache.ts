/**
 * Compute pipelines compiled once per (device, key). Keys hold compile-time facts only (shader,
 * entry point, variant); shapes travel in uniforms, so one pipeline serves every shape.
 * A WeakMap lets a destroyed device's pipelines be garbage-collected with it.
 */
const cache = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

export function cachedComputePipeline(
  device: GPUDevice,
  key: string,
  code: string,
  entryPoint: string,
  constants: Record<string, number> = {},
): GPUComputePipeline {
  let perDevice = cache.get(device);
  if (!perDevice) {
    perDevice = new Map();
    cache.set(device, perDevice);
  }
  let pipeline = perDevice.get(key);
  if (!pipeline) {
    const module = device.createShaderModule({ code, label: key });
    // A WGSL compile error otherwise surfaces only as "invalid pipeline" later: log the real message.
    // It rejects when the device is lost mid-compile (OperationError: Instance dropped); the loss
    // itself is reported through device.lost, so this is not worth an uncaught error.
    void module.getCompilationInfo().then(
      (info) => {
        for (const message of info.messages) {
          if (message.type === 'error') console.error(`WGSL error in ${key} at ${message.lineNum}:${message.linePos}: ${message.message}`);
        }
      },
      () => undefined,
    );
    pipeline = device.createComputePipeline({ label: key, layout: 'auto', compute: { module, entryPoint, constants } });
    perDevice.set(key, pipeline);
  }
  return pipeline;
}

/** How many pipelines this device has compiled through the cache (tests assert reuse). */
export function cachedPipelineCount(device: GPUDevice): number {
  return cache.get(device)?.size ?? 0;
}
