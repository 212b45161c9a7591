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
 * | `modelCacheName`         | `'blobgen-model-files-v1'`                      | verifiedFetch (main)                       | Legacy Cache Storage bucket of model files (before the OPFS pack store); deleted by the model manager. |
 * | `ortWasmUrl`             | `null` (the .wasm Vite emits, same origin)       | configureOrt in src/runtime/ortGraph.ts (worker) | Override for ORT's wasm binary; never a CDN. |
 * | `deviceRequestTimeoutMs` | `30000`                                         | engine.worker.ts (worker)                  | How long requestAdapter()/requestDevice() may take before the load fails with a clear error. |
 * | `packStoreDirName`       | `'blobgen-packs-v1'`                            | src/runtime/packStore (main and worker)    | OPFS folder of downloaded packs (docs/pwa.md); bump the suffix after a format change. |
 * | `packChunkBytes`         | `4194304` (4 MiB)                               | src/runtime/packStore (main and worker)    | Size of the stored pieces of a download: a dropped connection loses at most the piece in flight. |
 * | `embedOrigins`           | `VITE_EMBED_ORIGINS` at build time, else `''`   | embed widget (src/embed/widget, main)      | Comma-separated exact origins whose pages may command the embed widget; `''` = the app's own origin only. |
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
  packStoreDirName: string;
  packChunkBytes: number;
  /** Build-time only (docs/embed.md): the embedding page can never change it. */
  embedOrigins: string;
}

export const env: BlobgenEnv = {
  defaultPackUrl: `${import.meta.env.BASE_URL}models/blobgen-tiny-shapes/`,
  ortBackend: 'auto',
  useCache: true,
  modelCacheName: 'blobgen-model-files-v1',
  ortWasmUrl: null,
  deviceRequestTimeoutMs: 30_000,
  packStoreDirName: 'blobgen-packs-v1',
  packChunkBytes: 4 * 1024 * 1024,
  embedOrigins: String(import.meta.env.VITE_EMBED_ORIGINS ?? ''),
};
