/**
 * Typed, user-readable runtime failures (docs/architecture.md §9: say what is valid and what to do).
 * `name` is the wire identity: the worker sends {name, message, fields} and the client rebuilds the
 * class through the one registry in src/worker/workerErrors.ts.
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
/** The pack needs more than this device allows (buffer limits), said with the numbers before any download. */
export class DeviceLimitsError extends Error {
  override name = 'DeviceLimitsError';
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

/** A message to the inference worker that does not match the protocol (postMessage is an external input). */
export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
  constructor(
    message: string,
    /** One `path: problem` line per schema issue. */
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

// Which of these may cross the worker, and how each is rebuilt, is listed once in
// src/worker/workerErrors.ts.

/** Heuristic for ORT/WebGPU allocation failures, which surface as plain Errors with varied wording. */
export function looksLikeOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /out of memory|OutOfMemory|GPUOutOfMemoryError|Failed to allocate|allocation failed/i.test(text);
}
