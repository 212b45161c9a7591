/**
 * Runs one or more generations one after another (a single Generate is a queue of one; "variations"
 * is four seeds of one layout). The worker runs one generation at a time and a newer request
 * would supersede the running one, so the queue never overlaps requests. Cancel stops the running
 * generation (the worker stops within one step) and drops the rest of the queue.
 */
import type { SamplerName } from '../../engine/schedulers/samplers';
import type { LayoutDocument } from '../../layout/types';
import type { GenerateOutput, GenerateProgress } from '../../worker/protocol';
import type { StudioEngine } from './studioEngine';

export interface GenerationJob {
  /** A snapshot: later edits in the editor do not change a job already queued. */
  layout: LayoutDocument;
  seed: number;
  steps: number;
  guidance: number;
  sampler: SamplerName;
  /** Repaint only what changed since the engine's previous image (same seed and settings). */
  localEdit?: boolean;
  /** Only for packs that take a negative caption ('' = none). */
  negativeCaption?: string;
}

export interface QueueEvents {
  onJobStart?: (index: number, job: GenerationJob) => void;
  onStep?: (index: number, progress: GenerateProgress) => void;
  /** Awaited before the next job starts (saving to the gallery may take a moment). */
  onResult: (index: number, job: GenerationJob, output: GenerateOutput) => Promise<void> | void;
}

export type QueueOutcome =
  | { kind: 'done'; completed: number }
  | { kind: 'cancelled'; completed: number }
  | { kind: 'failed'; completed: number; error: Error };

/** A live preview every step for short runs, about 20 previews for long ones (each costs a decode). */
export function previewInterval(steps: number): number {
  return Math.max(1, Math.ceil(steps / 20));
}

export class GenerationQueue {
  private cancelRequested = false;
  private running = false;

  constructor(private readonly engine: StudioEngine) {}

  get isRunning(): boolean {
    return this.running;
  }

  async run(jobs: readonly GenerationJob[], events: QueueEvents): Promise<QueueOutcome> {
    if (this.running) throw new Error('A generation is already running; cancel it first.');
    this.running = true;
    this.cancelRequested = false;
    let completed = 0;
    try {
      for (const [index, job] of jobs.entries()) {
        if (this.cancelRequested) return { kind: 'cancelled', completed };
        events.onJobStart?.(index, job);
        let output: GenerateOutput;
        try {
          output = await this.engine.generate(
            job.layout,
            {
              seed: job.seed,
              steps: job.steps,
              guidance: job.guidance,
              sampler: job.sampler,
              previewEvery: previewInterval(job.steps),
              ...(job.negativeCaption !== undefined ? { negativeCaption: job.negativeCaption } : {}),
              ...(job.localEdit ? { localEdit: true } : {}),
            },
            (progress) => events.onStep?.(index, progress),
          );
        } catch (error) {
          if (this.cancelRequested || isCancellation(error)) return { kind: 'cancelled', completed };
          return { kind: 'failed', completed, error: error instanceof Error ? error : new Error(String(error)) };
        }
        await events.onResult(index, job, output);
        completed++;
      }
      return this.cancelRequested ? { kind: 'cancelled', completed } : { kind: 'done', completed };
    } finally {
      this.running = false;
    }
  }

  /** Stops the running generation and drops the queued ones; resolves once the worker is idle. */
  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelRequested = true;
    await this.engine.cancel();
  }
}

function isCancellation(error: unknown): boolean {
  return error instanceof Error && error.name === 'GenerationCancelledError';
}
