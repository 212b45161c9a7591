/**
 * Typed, user-readable runtime failures (conventions.md: say what is valid and what to do).
 * `name` is the wire identity: the worker sends {name, message} and the client rebuilds the class.
 */
export { WebGPUNotAvailableError } from '../gpu/gpuErrors';

export class ShaderF16UnsupportedError extends Error {
  override name = 'ShaderF16UnsupportedError';
}
export class InvalidManifestError extends Error {
  override name = 'InvalidManifestError';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}
export class HashMismatchError extends Error {
  override name = 'HashMismatchError';
}
export class PackFetchError extends Error {
  override name = 'PackFetchError';
}
export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}
export class OutOfGpuMemoryError extends Error {
  override name = 'OutOfGpuMemoryError';
}
export class GenerationCancelledError extends Error {
  override name = 'GenerationCancelledError';
  constructor(message = 'The generation was cancelled.') {
    super(message);
  }
}
export class EngineStateError extends Error {
  override name = 'EngineStateError';
}

/** Every error class the worker may send, by wire name. */
export const RUNTIME_ERROR_NAMES = [
  'WebGPUNotAvailableError',
  'ShaderF16UnsupportedError',
  'InvalidManifestError',
  'HashMismatchError',
  'PackFetchError',
  'DeviceLostError',
  'OutOfGpuMemoryError',
  'GenerationCancelledError',
  'EngineStateError',
] as const;
export type RuntimeErrorName = (typeof RUNTIME_ERROR_NAMES)[number];

/** Heuristic for ORT/WebGPU allocation failures, which surface as plain Errors with varied wording. */
export function looksLikeOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /out of memory|OutOfMemory|GPUOutOfMemoryError|Failed to allocate|allocation failed/i.test(text);
}
