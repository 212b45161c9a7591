/**
 * The typed worker protocol (conventions.md: `{kind, id, payload}` answered by return | throw |
 * progress). Requests are validated with zod in the worker (postMessage is an external input).
 *
 * Concurrency policy: one generation at a time. A newer `generate` cancels the running one (which
 * answers `throw` GenerationCancelledError, "superseded") and starts as soon as it has stopped —
 * within one sampling step. `load` also cancels a running generation first. `cancel` without a
 * target cancels whatever generation is running; it answers `return` once the engine is idle.
 */
import { z } from 'zod';
import type { SamplerName } from '../engine/schedulers/samplers';
import type { LayoutDocument } from '../layout/types';
import type { RgbaImage } from '../runtime/engine/imageOutput';
import type { GenerateRequest, GenerateResult, SiteMaskReadback } from '../runtime/engine/engineTypes';

export type { LocalEditOutcome, SiteMaskReadback } from '../runtime/engine/engineTypes';

/** What a `generate` request carries besides the layout: the engine's request minus its in-process hooks. */
export type GenerateOptions = Pick<GenerateRequest, 'seed' | 'steps' | 'guidance' | 'sampler' | 'previewEvery' | 'profile' | 'localEdit'>;

export interface LoadPayload {
  packUrl: string;
  useCache?: boolean;
  /** 'auto' (default): wasm on software adapters, webgpu otherwise. */
  ortBackend?: 'auto' | 'webgpu' | 'wasm';
}

export interface PackInfo {
  name: string;
  version: string;
  description: string;
  license: string;
  image: { width: number; height: number };
  defaults: { steps: number; guidance: number; sampler: SamplerName };
  samplers: SamplerName[];
  colours?: Record<string, readonly [number, number, number]>;
  device: string;
  softwareGpu: boolean;
  /** Where ORT runs the graphs ('wasm' is picked automatically on software WebGPU adapters). */
  ortBackend: 'webgpu' | 'wasm';
  loadMs: number;
}

/** What a generation returns across the worker boundary: exactly the engine's result (structured-cloneable). */
export type GenerateOutput = GenerateResult;

export interface EngineStats {
  loaded: boolean;
  liveBytes: number;
  liveBuffers: number;
  peakBytes: number;
  kernelBytes: number;
}

export type LoadProgress =
  | { stage: 'device' }
  | { stage: 'download'; path: string; fileIndex: number; fileCount: number; loadedBytes: number; totalBytes: number; fromCache: boolean }
  | { stage: 'compile'; graph: string; index: number; count: number };

export type GenerateProgress = { stage: 'step'; step: number; steps: number; timestep: number; preview?: RgbaImage };

/** Request kinds with their payloads and the value a `return` carries. */
export interface RequestMap {
  load: { payload: LoadPayload; result: PackInfo; progress: LoadProgress };
  generate: { payload: { layout: LayoutDocument; options: GenerateOptions }; result: GenerateOutput; progress: GenerateProgress };
  /** The loaded pack's blob masks for a layout, rasterised on the GPU and read back (mask view). */
  masks: { payload: { layout: LayoutDocument }; result: SiteMaskReadback[]; progress: never };
  cancel: { payload: Record<string, never>; result: { cancelled: boolean }; progress: never };
  stats: { payload: Record<string, never>; result: EngineStats; progress: never };
  dispose: { payload: Record<string, never>; result: null; progress: never };
}
export type RequestKind = keyof RequestMap;

export type WorkerRequest = { [K in RequestKind]: { kind: K; id: number; payload: RequestMap[K]['payload'] } }[RequestKind];

export interface SerializedError {
  name: string;
  message: string;
}

export type WorkerResponse =
  | { kind: 'progress'; id: number; payload: LoadProgress | GenerateProgress }
  | { kind: 'return'; id: number; payload: unknown }
  | { kind: 'throw'; id: number; payload: SerializedError };

const blobSchema = z.object({
  id: z.string(),
  cx: z.number(),
  cy: z.number(),
  a: z.number(),
  b: z.number(),
  theta: z.number(),
  description: z.string(),
  hidden: z.boolean().optional(),
  locked: z.boolean().optional(),
});
const empty = z.object({}).strict();
const layoutSchema = z.object({ caption: z.string(), blobs: z.array(blobSchema).max(64) });

export const workerRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('load'), id: z.number().int(), payload: z.object({ packUrl: z.string().min(1), useCache: z.boolean().optional(), ortBackend: z.enum(['auto', 'webgpu', 'wasm']).optional() }) }),
  z.object({
    kind: z.literal('generate'),
    id: z.number().int(),
    payload: z.object({
      layout: layoutSchema,
      options: z.object({
        seed: z.number().int().min(0).max(0xffffffff),
        steps: z.number().int().min(1).max(1000).optional(),
        guidance: z.number().finite().optional(),
        sampler: z.enum(['ddim', 'dpmpp-2m']).optional(),
        previewEvery: z.number().int().min(0).optional(),
        profile: z.boolean().optional(),
        localEdit: z.boolean().optional(),
      }),
    }),
  }),
  z.object({ kind: z.literal('masks'), id: z.number().int(), payload: z.object({ layout: layoutSchema }) }),
  z.object({ kind: z.literal('cancel'), id: z.number().int(), payload: empty }),
  z.object({ kind: z.literal('stats'), id: z.number().int(), payload: empty }),
  z.object({ kind: z.literal('dispose'), id: z.number().int(), payload: empty }),
]);
