/** Whether this browser offers WebGPU at all (the worker sees the same API as the page). */
export function browserHasWebGpu(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator && Boolean((navigator as Navigator & { gpu?: unknown }).gpu);
}

export const NO_WEBGPU_MESSAGE =
  'Generating images needs WebGPU, which this browser does not offer. Use a recent Chrome or Edge on a desktop with hardware acceleration on. Everything else (layouts, the gallery, dropping PNGs) still works.';
