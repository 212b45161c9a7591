/**
 * The widget's generation loop, without React: loads the default pack lazily on the first
 * Generate (opening a page with the widget costs no GPU and no download), runs one generation at a
 * time, reports progress and turns the engine's pixels into a PNG with the layout embedded.
 * The host's `generate` and the widget's own Generate button both come through here.
 */
import type { LayoutDocument } from '../../layout/types';
import type { EmbeddedSettings } from '../../png/layoutPngMetadata';
import { EngineStateError, GenerationCancelledError } from '../../runtime/errors';
import type { RgbaImage } from '../../runtime/engine/imageOutput';
import type { GenerateOptions, GenerateOutput, GenerateProgress, LoadProgress, PackInfo } from '../../worker/protocol';
import type { EmbedProgress, EmbedResult } from '../protocol/events';

/** The part of EngineClient the widget uses (a scripted double in unit tests). */
export interface EmbedEngine {
  load(packUrl: string, options: { onProgress?: (p: LoadProgress) => void }): Promise<PackInfo>;
  generate(layout: LayoutDocument, options: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<GenerateOutput>;
  cancel(): Promise<{ cancelled: boolean }>;
}

export type EncodePng = (image: RgbaImage, layout: LayoutDocument, settings: EmbeddedSettings) => Promise<Blob>;

export interface GenerateRequestOptions {
  seed?: number;
  steps?: number;
  guidance?: number;
}

export type RunnerState =
  | { status: 'idle' }
  | { status: 'loading'; detail: string }
  | { status: 'running'; step: number; steps: number; cancelling: boolean };

function loadDetail(p: LoadProgress): EmbedProgress {
  if (p.stage === 'device') return { stage: 'load', detail: 'Starting the GPU…' };
  if (p.stage === 'compile') return { stage: 'load', detail: `Preparing ${p.graph} (${String(p.index + 1)} of ${String(p.count)})` };
  const percent = Math.round((100 * p.loadedBytes) / Math.max(1, p.totalBytes));
  return {
    stage: 'load',
    detail: `${p.fromCache ? 'Reading' : 'Downloading'} model file ${String(p.fileIndex + 1)} of ${String(p.fileCount)} (${String(percent)} %)`,
    loadedBytes: p.loadedBytes,
    totalBytes: p.totalBytes,
  };
}

function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

export class EmbedRunner {
  private state: RunnerState = { status: 'idle' };
  private readonly listeners = new Set<() => void>();
  private engine: EmbedEngine | null = null;
  private pack: Promise<PackInfo> | null = null;
  /** Rejects the running request's wait for the pack when Cancel is pressed during loading. */
  private abortLoad: ((error: Error) => void) | null = null;
  /** Where load progress goes: the request waiting for the pack, if any (a cancelled one no longer listens). */
  private loadProgress: ((p: EmbedProgress) => void) | null = null;

  constructor(
    private readonly createEngine: () => EmbedEngine,
    private readonly packUrl: string,
    private readonly encodePng: EncodePng,
  ) {}

  getState = (): RunnerState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: RunnerState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** One load per widget; a failed load is retried by the next Generate. */
  private ensureLoaded(): Promise<PackInfo> {
    // Creating the engine starts the worker; in an opaque-origin sandbox this throws (SecurityError).
    this.engine ??= this.createEngine();
    const engine = this.engine;
    this.pack ??= engine.load(this.packUrl, { onProgress: (p) => this.loadProgress?.(loadDetail(p)) }).catch((error: unknown) => {
      this.pack = null;
      throw error;
    });
    return this.pack;
  }

  async generate(layout: LayoutDocument, options: GenerateRequestOptions, onProgress: (p: EmbedProgress) => void): Promise<EmbedResult> {
    if (this.state.status !== 'idle') throw new EngineStateError('A generation is already running in this widget; cancel it or wait for its result first.');
    const report = (p: EmbedProgress) => {
      if (p.stage === 'load') this.set({ status: 'loading', detail: p.detail });
      else if (this.state.status === 'running') this.set({ ...this.state, step: p.step, steps: p.steps });
      onProgress(p);
    };
    try {
      this.set({ status: 'loading', detail: 'Starting the GPU…' });
      const info = await new Promise<PackInfo>((resolve, reject) => {
        this.abortLoad = reject;
        this.loadProgress = report;
        this.ensureLoaded().then(resolve, reject);
      });
      this.abortLoad = null;
      this.loadProgress = null;
      const engine = this.engine;
      if (!engine) throw new EngineStateError('The engine is not running.');
      const seed = options.seed ?? randomSeed();
      const steps = options.steps ?? info.defaults.steps;
      const guidance = options.guidance ?? info.defaults.guidance;
      this.set({ status: 'running', step: 0, steps, cancelling: false });
      const output = await engine.generate(layout, { seed, steps, guidance }, (p) => report({ stage: 'step', step: p.step, steps: p.steps }));
      const settings: EmbeddedSettings = { seed: output.seed, steps: output.steps, guidance: output.guidance, sampler: output.sampler, pack: info.name };
      const png = await this.encodePng(output.image, layout, settings);
      return { png, seed: output.seed, steps: output.steps, guidance: output.guidance, width: output.image.width, height: output.image.height, layout };
    } finally {
      this.abortLoad = null;
      this.loadProgress = null;
      this.set({ status: 'idle' });
    }
  }

  /** Stops the running generation (within one sampling step) or stops waiting for the pack. */
  async cancel(): Promise<{ cancelled: boolean }> {
    const state = this.state;
    if (state.status === 'idle') return { cancelled: false };
    if (state.status === 'loading') {
      // The download goes on in the background (the next Generate reuses it); this request stops now.
      this.abortLoad?.(new GenerationCancelledError('Cancelled while the model was loading.'));
      return { cancelled: true };
    }
    this.set({ ...state, cancelling: true });
    return (await this.engine?.cancel()) ?? { cancelled: false };
  }
}
