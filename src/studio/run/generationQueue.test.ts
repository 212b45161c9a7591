import { describe, expect, it, vi } from 'vitest';
import { ScriptedEngine } from '../testing/scriptedEngine';
import { GenerationQueue, previewInterval, type GenerationJob } from './generationQueue';

const job = (seed: number): GenerationJob => ({ layout: { caption: 'c', blobs: [] }, seed, steps: 3, guidance: 3, sampler: 'ddim' });

describe('GenerationQueue', () => {
  it('runs jobs one after another with progress, waiting for each result to be kept', async () => {
    const engine = new ScriptedEngine(1);
    const order: string[] = [];
    const outcome = await new GenerationQueue(engine).run([job(1), job(2)], {
      onJobStart: (i) => order.push(`start ${i}`),
      onStep: (i, p) => order.push(`step ${i}.${p.step}`),
      onResult: async (i, j, out) => {
        await new Promise((r) => setTimeout(r, 5));
        order.push(`result ${i} seed ${out.seed}/${j.seed}`);
      },
    });
    expect(outcome).toEqual({ kind: 'done', completed: 2 });
    expect(order).toEqual(['start 0', 'step 0.1', 'step 0.2', 'step 0.3', 'result 0 seed 1/1', 'start 1', 'step 1.1', 'step 1.2', 'step 1.3', 'result 1 seed 2/2']);
    expect(engine.requests.map((r) => r.options)).toEqual([
      { seed: 1, steps: 3, guidance: 3, sampler: 'ddim', previewEvery: 1 },
      { seed: 2, steps: 3, guidance: 3, sampler: 'ddim', previewEvery: 1 },
    ]);
  });

  it('cancel stops the running job within a step and drops the rest', async () => {
    const engine = new ScriptedEngine(20);
    const queue = new GenerationQueue(engine);
    const onResult = vi.fn();
    const running = queue.run([job(1), job(2), job(3)], {
      onStep: (_i, p) => {
        if (p.step === 1) void queue.cancel();
      },
      onResult,
    });
    await expect(running).resolves.toEqual({ kind: 'cancelled', completed: 0 });
    expect(onResult).not.toHaveBeenCalled();
    expect(engine.requests).toHaveLength(1);
    expect(queue.isRunning).toBe(false);
    // Reusable afterwards.
    await expect(queue.run([job(4)], { onResult })).resolves.toEqual({ kind: 'done', completed: 1 });
  });

  it('reports an engine failure and keeps what was already made', async () => {
    const engine = new ScriptedEngine(1);
    const queue = new GenerationQueue(engine);
    const onResult = vi.fn(() => {
      engine.failNext = new Error('device lost');
    });
    const outcome = await queue.run([job(1), job(2)], { onResult });
    expect(outcome).toMatchObject({ kind: 'failed', completed: 1, error: { message: 'device lost' } });
  });

  it('refuses to overlap runs', async () => {
    const queue = new GenerationQueue(new ScriptedEngine(5));
    const first = queue.run([job(1)], { onResult: () => undefined });
    await expect(queue.run([job(2)], { onResult: () => undefined })).rejects.toThrow(/already running/);
    await first;
  });

  it('previews every step for short runs and about 20 times for long ones', () => {
    expect([previewInterval(4), previewInterval(20), previewInterval(50), previewInterval(1000)]).toEqual([1, 1, 3, 50]);
  });
});
