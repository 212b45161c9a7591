/**
 * The worker side of the protocol, independent of `self` and of the real engine so the policy
 * (one generation at a time, newer request supersedes, cancel within a step) is unit-testable.
 */
import { EngineStateError, GenerationCancelledError, InvalidRequestError } from '../runtime/errors';
import { serializeError } from './workerErrors';
import type { GenerateRequest, GenerateResult, LoadStage, StepProgress, EngineMemory, SiteMaskReadback } from '../runtime/engine/BlobGenEngine';
import type { LayoutDocument } from '../layout/types';
import type { PackSpec } from '../runtime/pack/packSpec';
import type { PackDescription } from './packDescription';
import { workerRequestSchema, type EngineStats, type GenerateOutput, type LoadPayload, type LoadProgress, type PackInfo, type WorkerResponse } from './protocol';

/** What the host needs from an engine (BlobGenEngine implements it). */
export interface EngineLike {
  readonly spec: PackSpec;
  readonly gpu: { description: string; isSoftware: boolean };
  readonly backend: 'webgpu' | 'wasm';
  readonly memory: EngineMemory;
  generate(request: GenerateRequest, options: { onStep?: (p: StepProgress) => void; signal?: AbortSignal }): Promise<GenerateResult>;
  masks(layout: LayoutDocument): Promise<SiteMaskReadback[]>;
  dispose(): Promise<void>;
}

export type EngineLoader = (packUrl: string, options: { useCache?: boolean; ortBackend?: LoadPayload['ortBackend']; onProgress: (stage: LoadStage | { stage: 'device' }) => void }) => Promise<EngineLike>;

interface Job {
  id: number;
  controller: AbortController;
  superseded: boolean;
  done: Promise<void>;
}

export class WorkerHost {
  private engine: EngineLike | null = null;
  private current: Job | null = null;
  /** Loads run one after another; generate requests wait for the latest. Never rejects. */
  private loading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly post: (message: WorkerResponse, transfer?: Transferable[]) => void,
    private readonly loadEngine: EngineLoader,
    private readonly readDescription: (packUrl: string) => Promise<PackDescription>,
  ) {}

  /** Each pack's description is read once per worker (a failed read is retried on the next ask). */
  private readonly descriptions = new Map<string, Promise<PackDescription>>();

  private describe(packUrl: string): Promise<PackDescription> {
    let description = this.descriptions.get(packUrl);
    if (!description) {
      description = this.readDescription(packUrl);
      this.descriptions.set(packUrl, description);
      description.catch(() => this.descriptions.delete(packUrl));
    }
    return description;
  }

  async handle(raw: unknown): Promise<void> {
    const parsed = workerRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number' ? (raw as { id: number }).id : -1;
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      this.post({ kind: 'throw', id, payload: serializeError(new InvalidRequestError(`Invalid worker request: ${issues.join('; ')}`, issues)) });
      return;
    }
    const request = parsed.data;
    try {
      switch (request.kind) {
        case 'info':
          this.reply(request.id, await this.describe(request.payload.packUrl));
          break;
        case 'load':
          this.reply(request.id, await this.load(request.id, request.payload));
          break;
        case 'generate':
          await this.generate(request.id, request.payload.layout, request.payload.options);
          break;
        case 'masks': {
          await this.loading; // masks of the pack being loaded, not of the one it replaces
          if (!this.engine) throw new EngineStateError('No model pack is loaded; load one before asking for its masks.');
          const sites = await this.engine.masks(request.payload.layout);
          this.reply(request.id, sites, sites.map((s) => s.masks.buffer));
          break;
        }
        case 'cancel':
          this.reply(request.id, { cancelled: await this.cancelCurrent(false) });
          break;
        case 'stats':
          this.reply(request.id, this.stats());
          break;
        case 'dispose':
          await this.cancelCurrent(false);
          await this.disposeEngine();
          this.reply(request.id, null);
          break;
      }
    } catch (error) {
      this.post({ kind: 'throw', id: request.id, payload: serializeError(error) });
    }
  }

  private reply(id: number, payload: unknown, transfer?: Transferable[]): void {
    this.post({ kind: 'return', id, payload }, transfer);
  }

  private async cancelCurrent(superseded: boolean): Promise<boolean> {
    const job = this.current;
    if (!job) return false;
    job.superseded = superseded;
    job.controller.abort();
    await job.done;
    return true;
  }

  private stats(): EngineStats {
    const memory = this.engine?.memory;
    return { loaded: this.engine !== null, liveBytes: memory?.liveBytes ?? 0, liveBuffers: memory?.liveBuffers ?? 0, peakBytes: memory?.peakBytes ?? 0, kernelBytes: memory?.kernelBytes ?? 0 };
  }

  private load(id: number, payload: LoadPayload): Promise<PackInfo> {
    // Serialised: a load that is still running finishes (or fails) and is then replaced.
    const run = this.loading.then(() => this.loadNow(id, payload));
    this.loading = run.catch(() => undefined);
    return run;
  }

  private async loadNow(id: number, { packUrl, useCache, ortBackend }: LoadPayload): Promise<PackInfo> {
    await this.cancelCurrent(true);
    await this.disposeEngine();
    const started = performance.now();
    const loading = this.loadEngine(packUrl, {
      useCache,
      ortBackend,
      onProgress: (stage) => {
        const payload: LoadProgress =
          stage.stage === 'download'
            ? { stage: 'download', path: stage.progress.path, fileIndex: stage.progress.fileIndex, fileCount: stage.progress.fileCount, loadedBytes: stage.progress.packLoadedBytes, totalBytes: stage.progress.packTotalBytes, fromCache: stage.progress.fromCache }
            : stage;
        this.post({ kind: 'progress', id, payload });
      },
    });
    this.engine = await loading;
    return {
      ...(await this.describe(packUrl)),
      device: this.engine.gpu.description,
      softwareGpu: this.engine.gpu.isSoftware,
      ortBackend: this.engine.backend,
      loadMs: performance.now() - started,
    };
  }

  private async generate(id: number, layout: GenerateRequest['layout'], options: Omit<GenerateRequest, 'layout'>): Promise<void> {
    const previous = this.current;
    let finish!: () => void;
    const job: Job = { id, controller: new AbortController(), superseded: false, done: new Promise<void>((resolve) => (finish = resolve)) };
    this.current = job;
    try {
      if (previous) {
        previous.superseded = true;
        previous.controller.abort();
        await previous.done;
      }
      await this.loading;
      if (job.controller.signal.aborted) throw this.cancelledError(job);
      const engine = this.engine;
      if (!engine) throw new EngineStateError('No model pack is loaded; send a load request first.');
      const result = await engine
        .generate(
          { layout, ...options },
          {
            signal: job.controller.signal,
            onStep: (p) => {
              const payload = { stage: 'step' as const, step: p.step, steps: p.steps, timestep: p.timestep, ...(p.preview ? { preview: p.preview } : {}) };
              this.post({ kind: 'progress', id, payload }, p.preview ? [p.preview.data.buffer as ArrayBuffer] : undefined);
            },
          },
        )
        .catch((error: unknown) => {
          throw error instanceof GenerationCancelledError ? this.cancelledError(job) : error;
        });
      const output: GenerateOutput = { ...result };
      this.reply(id, output, [result.image.data.buffer as ArrayBuffer]);
    } finally {
      if (this.current === job) this.current = null;
      finish();
    }
  }

  /**
   * Releases the engine. On a lost device releasing can itself fail; the engine is dropped
   * either way, so a reload after a device loss always gets to build a new one.
   */
  private async disposeEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    try {
      await engine?.dispose();
    } catch (error) {
      console.warn(`The previous engine could not be released cleanly: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private cancelledError(job: Job): GenerationCancelledError {
    return new GenerationCancelledError(job.superseded ? 'The generation was superseded by a newer request.' : 'The generation was cancelled.');
  }
}

export { serializeError } from './workerErrors';
