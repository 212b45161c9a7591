/** Typed, user-readable GPU failures. Messages say what was expected and what to do. */
export class WebGPUNotAvailableError extends Error {
  override name = 'WebGPUNotAvailableError';
}
export class GpuDeviceRequestError extends Error {
  override name = 'GpuDeviceRequestError';
}
