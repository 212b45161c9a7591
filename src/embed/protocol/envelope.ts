/**
 * The embed wire protocol, version 1 (docs/embed.md): every message either way is
 * `{ blobgen: 1, kind, id?, payload }`. This module is pure (zod only) so the widget and the
 * loader script share one definition. What the loader uses is written with `zod/mini` (same
 * engine, tree-shakable API): the loader is a script for other sites, and classic zod would make
 * it four times larger (bench/embed-ready.mjs prints its size).
 */
import * as z from 'zod/mini';

export const EMBED_PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [EMBED_PROTOCOL_VERSION];

/** Longest request id (a string id) either side accepts. */
export const MAX_REQUEST_ID_LENGTH = 64;

export const requestIdSchema = z.union([
  z.string().check(z.minLength(1), z.maxLength(MAX_REQUEST_ID_LENGTH)),
  z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
]);
export type RequestId = z.infer<typeof requestIdSchema>;

/**
 * The error names that travel: exactly the engine's wire error names (src/worker/workerErrors.ts,
 * checked equal by embedProtocol.test.ts) plus 'Error' for an error of no registered class.
 * Listed here rather than imported because the registry pulls in the runtime's classes.
 */
export const EMBED_ERROR_NAMES = [
  'WebGPUNotAvailableError',
  'GpuDeviceRequestError',
  'ShaderF16UnsupportedError',
  'DeviceLimitsError',
  'KernelInputError',
  'InvalidManifestError',
  'InvalidRequestError',
  'HashMismatchError',
  'PackFetchError',
  'DeviceLostError',
  'OutOfGpuMemoryError',
  'GenerationCancelledError',
  'EngineStateError',
  'Error',
] as const;
export type EmbedErrorName = (typeof EMBED_ERROR_NAMES)[number];

/** A message is ours when it is an object with an own `blobgen` field; anything else is someone else's traffic. */
export function isEmbedMessage(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'blobgen');
}

/** A short description of a value for an error message (never the value itself: it may be huge). */
export function describeWireValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : `a string of ${String(value.length)} characters`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${String(value.length)} items`;
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== 'Object' && name !== '' ? `a ${name}` : 'an object';
}

/** `path: problem` lines for a zod error, the engine's InvalidRequestError style. */
export function issueLines(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, prefix = 'payload'): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${String(key)}]` : `${out}.${String(key)}`), prefix);
    return `${path}: ${issue.message}`;
  });
}

/** The widget's optional controls: the loader's `controls` option and embed.html's URL both name them. */
export const EMBED_CONTROLS = ['caption', 'description', 'generate', 'progress', 'result'] as const;
