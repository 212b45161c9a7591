/**
 * The one registry of error classes that may cross the worker boundary. The worker serialises a
 * thrown error to {name, message, fields}; the client looks the name up here and rebuilds the
 * same class with the same fields, so `instanceof` and fields such as `issues` survive the trip.
 * An error whose class is not listed arrives as a plain Error that keeps its name and message.
 *
 * Adding a class that the engine can throw means adding one line here (the round-trip test in
 * workerErrors.test.ts covers every entry).
 */
import { GpuDeviceRequestError, WebGPUNotAvailableError } from '../gpu/gpuErrors';
import { KernelInputError } from '../gpu/gpuValidation';
import {
  DeviceLimitsError,
  DeviceLostError,
  EngineStateError,
  GenerationCancelledError,
  HashMismatchError,
  InvalidManifestError,
  InvalidRequestError,
  OutOfGpuMemoryError,
  PackFetchError,
  ShaderF16UnsupportedError,
} from '../runtime/errors';

/** Structured-cloneable extra fields of an error (beyond name and message). */
export type WireErrorFields = Record<string, unknown>;

export interface SerializedError {
  name: string;
  message: string;
  fields?: WireErrorFields;
}

interface WireErrorEntry<E extends Error = Error> {
  Class: abstract new (...args: never[]) => E;
  /** The fields beyond name and message that must survive the trip. */
  fields: (error: E) => WireErrorFields;
  rebuild: (message: string, fields: WireErrorFields) => E;
}

function entry<E extends Error>(Class: abstract new (...args: never[]) => E, rebuild: (message: string, fields: WireErrorFields) => E, fields: (error: E) => WireErrorFields = () => ({})): WireErrorEntry {
  return { Class, rebuild, fields: fields as (error: Error) => WireErrorFields } as unknown as WireErrorEntry;
}

/** A field that was sent as a list of strings (anything else is dropped, not trusted). */
function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const withIssues = (error: { issues: readonly string[] }): WireErrorFields => ({ issues: [...error.issues] });

/** Every error class that may cross the worker, by wire name (its `name`). */
export const WORKER_ERRORS = {
  WebGPUNotAvailableError: entry(WebGPUNotAvailableError, (m) => new WebGPUNotAvailableError(m)),
  GpuDeviceRequestError: entry(GpuDeviceRequestError, (m) => new GpuDeviceRequestError(m)),
  ShaderF16UnsupportedError: entry(ShaderF16UnsupportedError, (m) => new ShaderF16UnsupportedError(m)),
  DeviceLimitsError: entry(DeviceLimitsError, (m) => new DeviceLimitsError(m)),
  KernelInputError: entry(KernelInputError, (m) => new KernelInputError(m)),
  InvalidManifestError: entry(InvalidManifestError, (m, f) => new InvalidManifestError(m, stringList(f.issues)), withIssues),
  InvalidRequestError: entry(InvalidRequestError, (m, f) => new InvalidRequestError(m, stringList(f.issues)), withIssues),
  HashMismatchError: entry(HashMismatchError, (m) => new HashMismatchError(m)),
  PackFetchError: entry(PackFetchError, (m) => new PackFetchError(m)),
  DeviceLostError: entry(DeviceLostError, (m) => new DeviceLostError(m)),
  OutOfGpuMemoryError: entry(OutOfGpuMemoryError, (m) => new OutOfGpuMemoryError(m)),
  GenerationCancelledError: entry(GenerationCancelledError, (m) => new GenerationCancelledError(m)),
  EngineStateError: entry(EngineStateError, (m) => new EngineStateError(m)),
} as const satisfies Record<string, WireErrorEntry>;

export type WorkerErrorName = keyof typeof WORKER_ERRORS;
export const WORKER_ERROR_NAMES = Object.keys(WORKER_ERRORS) as WorkerErrorName[];

function lookUp(name: string): WireErrorEntry | undefined {
  return Object.hasOwn(WORKER_ERRORS, name) ? WORKER_ERRORS[name as WorkerErrorName] : undefined;
}

/** What the worker posts for a thrown value. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const known = lookUp(error.name);
  if (known && error instanceof known.Class) {
    const fields = known.fields(error);
    return { name: error.name, message: error.message, ...(Object.keys(fields).length > 0 ? { fields } : {}) };
  }
  return { name: error.name, message: error.message };
}

/** What the client throws for a serialised error: the registered class with its fields, or a named plain Error. */
export function deserializeError(error: SerializedError): Error {
  const known = lookUp(error.name);
  if (known) return known.rebuild(error.message, error.fields ?? {});
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}
