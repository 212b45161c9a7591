/**
 * The typed worker protocol (docs/architecture.md §8: `{kind, id, payload}` answered by return | throw |
 * progress). Requests are validated with zod in the worker (postMessage is an external input).
 *
 * Concurrency policy: one generation at a time. A newer `generate` cancels the running one (which
 * answers `throw` GenerationCancelledError, "superseded") and starts as soon as it has stopped —
 * within one sampling step. `load` also cancels a running generation first. `cancel` without a
 * target cancels whatever generation is running; it answers `return` once the engine is idle.
 */
import { z } from 'zod';
import type { OrtBackendChoice } from '../config/env';
import { guidanceSchema, negativeCaptionSchema, samplerNameSchema, seedSchema, stepsSchema } from '../engine/samplingSettings';
import { layoutBlobSchema, layoutBodySchema } from '../layout/layoutSchema';
import { MAX_BLOBS, MAX_ID_LENGTH } from '../layout/limits';
import type { PackDescription } from './packDescription';
import type { LayoutDocument } from '../layout/types';
import type { RgbaImage } from '../runtime/engine/imageOutput';
import type { SerializedError } from './workerErrors';
import type { GenerateRequest, GenerateResult, SiteMaskReadback } from '../runtime/engine/engineTypes';

export type { LocalEditOutcome, SiteMaskReadback } from '../runtime/engine/engineTypes';
export type { PackDescription, SiteResolution } from './packDescription';

/** What a `generate` request carries besides the layout: the engine's request minus its in-process hooks. */
export type GenerateOptions = Pick<GenerateRequest, 'seed' | 'steps' | 'guidance' | 'sampler' | 'negativeCaption' | 'previewEvery' | 'profile' | 'localEdit'>;

export interface LoadPayload {
  packUrl: string;
  useCache?: boolean;
  /** 'auto' (default): wasm on software adapters, webgpu otherwise. */
  ortBackend?: OrtBackendChoice;
}

/** The answer to `load`: the pack's description (as `info` gives it) plus where it runs. */
export interface PackInfo extends PackDescription {
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
  /** The pack's description without loading the model (manifest and tokenizer only; no GPU). */
  info: { payload: { packUrl: string }; result: PackDescription; progress: never };
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

export type { SerializedError } from './workerErrors';

export type WorkerResponse =
  | { kind: 'progress'; id: number; payload: LoadProgress | GenerateProgress }
  | { kind: 'return'; id: number; payload: unknown }
  | { kind: 'throw'; id: number; payload: SerializedError };

/**
 * A layout on the wire: the layout module's own schema (finite numbers, positive radii, string
 * lengths, blob count), tightened to a complete document — ids and descriptions are present,
 * since the editor only ever sends repaired documents.
 */
const wireBlobSchema = layoutBlobSchema.required({ description: true }).extend({ id: z.string().min(1).max(MAX_ID_LENGTH) });
const layoutSchema = layoutBodySchema.required({ caption: true }).extend({
  blobs: z.array(wireBlobSchema, { error: 'must be an array of blobs' }).max(MAX_BLOBS, { error: `must hold at most ${String(MAX_BLOBS)} blobs` }),
});
const empty = z.object({}).strict();

export const workerRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('info'), id: z.number().int(), payload: z.object({ packUrl: z.string().min(1) }) }),
  z.object({ kind: z.literal('load'), id: z.number().int(), payload: z.object({ packUrl: z.string().min(1), useCache: z.boolean().optional(), ortBackend: z.enum(['auto', 'webgpu', 'wasm']).optional() }) }),
  z.object({
    kind: z.literal('generate'),
    id: z.number().int(),
    payload: z.object({
      layout: layoutSchema,
      options: z.object({
        seed: seedSchema,
        steps: stepsSchema.optional(),
        guidance: guidanceSchema.optional(),
        sampler: samplerNameSchema.optional(),
        negativeCaption: negativeCaptionSchema.optional(),
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
