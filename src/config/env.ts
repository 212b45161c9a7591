/**
 * The app's one configuration object, in the spirit of transformers.js's `env`: every setting
 * that decides where things come from or how the engine runs lives here, with its default, and
 * nowhere else (no such constants in React files or engine modules). Change a value before the
 * first load, e.g. `env.defaultPackUrl = '/my-pack/'`.
 *
 * | Setting                  | Default                                         | Read by (thread)                           | What it decides |
 * | ------------------------ | ----------------------------------------------- | ------------------------------------------ | --------------- |
 * | `defaultPackUrl`         | `${BASE_URL}models/blobgen-tiny-shapes/`        | StudioPanel (main)                         | Model pack folder or manifest URL the studio loads when none is given. |
 * | `ortBackend`             | `'auto'`                                        | EngineClient.load (main → `load` payload)  | Where ORT runs the graphs: `'auto'` = wasm on software WebGPU adapters, webgpu otherwise. |
 * | `useCache`               | `true`                                          | EngineClient.load (main → `load` payload)  | Cache policy: keep verified model files in Cache Storage and reuse them (hash-checked). |
 * | `modelCacheName`         | `'blobgen-model-files-v1'`                      | verifiedFetch (worker)                     | Cache Storage bucket; bump the suffix to drop every cached file after a format change. |
 * | `ortWasmUrl`             | `null` (the .wasm Vite emits, same origin)       | configureOrt in src/runtime/ortGraph.ts (worker) | Override for ORT's wasm binary; never a CDN. |
 * | `deviceRequestTimeoutMs` | `30000`                                         | engine.worker.ts (worker)                  | How long requestAdapter()/requestDevice() may take before the load fails with a clear error. |
 *
 * Threads: the worker has its own copy of this module. Settings marked "main → `load` payload"
 * travel with each load request, so changing them on the main thread takes effect; the worker-only
 * settings are read from the worker's copy (change them here, at build time).
 */
export type OrtBackendChoice = 'auto' | 'webgpu' | 'wasm';

export interface BlobgenEnv {
  defaultPackUrl: string;
  ortBackend: OrtBackendChoice;
  useCache: boolean;
  modelCacheName: string;
  ortWasmUrl: string | null;
  deviceRequestTimeoutMs: number;
}

export const env: BlobgenEnv = {
  defaultPackUrl: `${import.meta.env.BASE_URL}models/blobgen-tiny-shapes/`,
  ortBackend: 'auto',
  useCache: true,
  modelCacheName: 'blobgen-model-files-v1',
  ortWasmUrl: null,
  deviceRequestTimeoutMs: 30_000,
};
