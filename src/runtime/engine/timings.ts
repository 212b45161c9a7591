/**
 * Where generation time goes. Stage times are exact only with `profile: true`, which waits for
 * the GPU after each stage (onSubmittedWorkDone); without it the GPU runs ahead and only the
 * total and per-step wall times are meaningful.
 */
export interface GenerationTimings {
  textMs: number;
  masksMs: number;
  /** ORT UNet segment runs, summed over steps. */
  unetSegmentsMs: number;
  /** Our masked cross-attention dispatches, summed over steps and sites. */
  attentionMs: number;
  /** Our fused CFG + scheduler step kernel, summed over steps. */
  stepKernelMs: number;
  decodeMs: number;
  /** Wall time of each sampling step. */
  stepMs: number[];
  totalMs: number;
  profiled: boolean;
}

export function emptyTimings(profiled: boolean): GenerationTimings {
  return { textMs: 0, masksMs: 0, unetSegmentsMs: 0, attentionMs: 0, stepKernelMs: 0, decodeMs: 0, stepMs: [], totalMs: 0, profiled };
}

export type TimedStage = 'textMs' | 'masksMs' | 'unetSegmentsMs' | 'attentionMs' | 'stepKernelMs' | 'decodeMs';

/** Times async stages; in profile mode each stage also waits for the queue so GPU time is attributed. */
export class StageClock {
  readonly timings: GenerationTimings;

  constructor(
    private readonly device: GPUDevice,
    profiled: boolean,
  ) {
    this.timings = emptyTimings(profiled);
  }

  async time<T>(stage: TimedStage, body: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    const result = await body();
    if (this.timings.profiled) await this.device.queue.onSubmittedWorkDone();
    this.timings[stage] += performance.now() - start;
    return result;
  }
}
