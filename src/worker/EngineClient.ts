/**
 * The one typed client the UI (and the CLI harness) uses to talk to the inference worker.
 * Errors come back as the runtime's typed classes with their fields, rebuilt through the one
 * registry (workerErrors.ts).
 */
import { env } from '../config/env';
import { EngineStateError } from '../runtime/errors';
import type { LayoutDocument } from '../layout/types';
import type { EngineStats, PackDescription, GenerateOptions, GenerateOutput, GenerateProgress, LoadPayload, LoadProgress, PackInfo, RequestKind, RequestMap, SiteMaskReadback, WorkerRequest, WorkerResponse } from './protocol';
import { deserializeError } from './workerErrors';

export { deserializeError } from './workerErrors';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (payload: never) => void;
}

/** Anything with the Worker messaging surface (a real Worker, or a test double). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export function createEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'blobgen-engine' });
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike = createEngineWorker()) {
    worker.addEventListener('message', (event: MessageEvent) => this.receive(event.data as WorkerResponse));
    worker.addEventListener('error', (event: ErrorEvent) => {
      // A worker that failed to start (e.g. a module error) fails every pending request.
      for (const p of this.pending.values()) p.reject(new Error(`The inference worker failed: ${event.message || 'unknown error'}`));
      this.pending.clear();
    });
  }

  private receive(message: WorkerResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message.payload as never);
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'return') pending.resolve(message.payload);
    else pending.reject(deserializeError(message.payload));
  }

  private request<K extends RequestKind>(kind: K, payload: RequestMap[K]['payload'], onProgress?: (p: RequestMap[K]['progress']) => void): Promise<RequestMap[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress: onProgress as (p: never) => void } : {}) });
      this.worker.postMessage({ kind, id, payload } as WorkerRequest);
    });
  }

  /** The pack's description (defaults, tokenizer, sites, colours) without loading the model. */
  info(packUrl: string): Promise<PackDescription> {
    return this.request('info', { packUrl });
  }

  /** Loads (or replaces) the model pack; progress reports downloads and graph compilation. */
  load(packUrl: string, options: Omit<LoadPayload, 'packUrl'> & { onProgress?: (p: LoadProgress) => void } = {}): Promise<PackInfo> {
    const { onProgress, ...rest } = options;
    // Backend choice and cache policy come from the one configuration object unless a caller overrides them.
    return this.request('load', { packUrl, ortBackend: env.ortBackend, useCache: env.useCache, ...rest }, onProgress);
  }

  /** Generates one image. A newer call supersedes this one (it rejects with GenerationCancelledError). */
  generate(layout: LayoutDocument, options: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<GenerateOutput> {
    return this.request('generate', { layout, options }, onProgress);
  }

  /** The loaded pack's masks for `layout` at each distinct site resolution, read back from the GPU. */
  masks(layout: LayoutDocument): Promise<SiteMaskReadback[]> {
    return this.request('masks', { layout });
  }

  /** Cancels the running generation (if any); resolves once the worker is idle again. */
  cancel(): Promise<{ cancelled: boolean }> {
    return this.request('cancel', {});
  }

  stats(): Promise<EngineStats> {
    return this.request('stats', {});
  }

  /** Frees the engine's GPU resources; the worker stays usable for a new load. */
  dispose(): Promise<null> {
    return this.request('dispose', {});
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new EngineStateError('The inference worker was terminated.'));
    this.pending.clear();
  }
}
