import { describe, expect, it, vi } from 'vitest';
import { EngineStateError, GenerationCancelledError } from '../../runtime/errors';
import type { LayoutDocument } from '../../layout/types';
import type { GenerateOptions, GenerateProgress, LoadProgress, PackInfo } from '../../worker/protocol';
import { EmbedRunner, type EmbedEngine } from './embedRunner';
import type { EmbedProgress } from '../protocol/events';

const LAYOUT: LayoutDocument = { caption: 'a plain gray background', blobs: [{ id: 'r', cx: 0.3, cy: 0.3, a: 0.1, b: 0.08, theta: 0, description: 'a red blob' }] };
const INFO = { name: 'tiny', defaults: { steps: 12, guidance: 3, sampler: 'ddim' }, image: { width: 64, height: 64 } } as unknown as PackInfo;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A scripted engine: `load` and `generate` finish when the test says so. */
function scriptedEngine() {
  const load = deferred<PackInfo>();
  const generations: { options: GenerateOptions; onProgress?: (p: GenerateProgress) => void; done: ReturnType<typeof deferred<never>>['reject'] | null; finish: (w: number) => void }[] = [];
  let onLoadProgress: ((p: LoadProgress) => void) | undefined;
  const engine: EmbedEngine = {
    load: vi.fn((_url: string, options: { onProgress?: (p: LoadProgress) => void }) => ((onLoadProgress = options.onProgress), load.promise)),
    generate: vi.fn((_layout: LayoutDocument, options: GenerateOptions, onProgress?: (p: GenerateProgress) => void) => {
      const d = deferred<never>();
      const record = {
        options,
        ...(onProgress ? { onProgress } : {}),
        done: d.reject,
        finish: (w: number) => (d.resolve as (v: unknown) => void)({ image: { width: w, height: w, data: new Uint8ClampedArray(w * w * 4) }, seed: options.seed, steps: options.steps, guidance: options.guidance, sampler: 'ddim' }),
      };
      generations.push(record);
      return d.promise;
    }),
    cancel: vi.fn(() => {
      generations.at(-1)?.done?.(new GenerationCancelledError());
      return Promise.resolve({ cancelled: true });
    }),
  };
  return { engine, load, generations, loadProgress: (p: LoadProgress) => onLoadProgress?.(p) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const encode = vi.fn(() => Promise.resolve(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' })));

describe('EmbedRunner', () => {
  it('loads the pack once, generates with the given and default settings, and encodes a PNG', async () => {
    const s = scriptedEngine();
    const runner = new EmbedRunner(() => s.engine, '/pack/', encode);
    const progress: EmbedProgress[] = [];
    const first = runner.generate(LAYOUT, { seed: 7 }, (p) => progress.push(p));
    s.loadProgress({ stage: 'download', path: 'unet.onnx', fileIndex: 0, fileCount: 2, loadedBytes: 50, totalBytes: 200, fromCache: false });
    expect(runner.getState()).toEqual({ status: 'loading', detail: 'Downloading model file 1 of 2 (25 %)' });
    s.load.resolve(INFO);
    await tick();
    expect(runner.getState()).toMatchObject({ status: 'running', step: 0, steps: 12 });
    s.generations[0]?.onProgress?.({ stage: 'step', step: 3, steps: 12, timestep: 500 });
    s.generations[0]?.finish(64);
    const result = await first;
    expect(s.generations[0]?.options).toEqual({ seed: 7, steps: 12, guidance: 3 });
    expect(result).toMatchObject({ seed: 7, steps: 12, guidance: 3, width: 64, height: 64, layout: LAYOUT });
    expect(result.png.type).toBe('image/png');
    expect(progress).toEqual([{ stage: 'load', detail: 'Downloading model file 1 of 2 (25 %)', loadedBytes: 50, totalBytes: 200 }, { stage: 'step', step: 3, steps: 12 }]);
    expect(runner.getState()).toEqual({ status: 'idle' });

    const second = runner.generate(LAYOUT, { steps: 2, guidance: 1 }, () => {});
    await tick();
    s.generations[1]?.finish(64);
    await second;
    expect(s.engine.load).toHaveBeenCalledTimes(1);
    expect(s.generations[1]?.options).toMatchObject({ steps: 2, guidance: 1 });
    expect(Number.isInteger(s.generations[1]?.options.seed)).toBe(true);
  });

  it('refuses a second generation while one runs, and cancel stops the running one', async () => {
    const s = scriptedEngine();
    s.load.resolve(INFO);
    const runner = new EmbedRunner(() => s.engine, '/pack/', encode);
    const running = runner.generate(LAYOUT, { seed: 1 }, () => {});
    await expect(runner.generate(LAYOUT, {}, () => {})).rejects.toBeInstanceOf(EngineStateError);
    await tick();
    expect(await runner.cancel()).toEqual({ cancelled: true });
    await expect(running).rejects.toBeInstanceOf(GenerationCancelledError);
    expect(runner.getState()).toEqual({ status: 'idle' });
    expect(await runner.cancel()).toEqual({ cancelled: false });
  });

  it('cancel during loading ends the request at once; the load goes on and the next Generate reuses it', async () => {
    const s = scriptedEngine();
    const runner = new EmbedRunner(() => s.engine, '/pack/', encode);
    const waiting = runner.generate(LAYOUT, { seed: 1 }, () => {});
    expect(await runner.cancel()).toEqual({ cancelled: true });
    await expect(waiting).rejects.toBeInstanceOf(GenerationCancelledError);
    expect(s.engine.generate).not.toHaveBeenCalled();
    // Late progress from the ongoing download does not bring back a "loading" state.
    s.loadProgress({ stage: 'device' });
    expect(runner.getState()).toEqual({ status: 'idle' });
    s.load.resolve(INFO);
    const next = runner.generate(LAYOUT, { seed: 2 }, () => {});
    await tick();
    s.generations[0]?.finish(64);
    await expect(next).resolves.toMatchObject({ seed: 2 });
    expect(s.engine.load).toHaveBeenCalledTimes(1);
  });

  it('reports an engine that cannot start (e.g. no workers in an opaque-origin sandbox) and stays usable', async () => {
    const runner = new EmbedRunner(() => {
      throw new DOMException('Script cannot be accessed from origin null', 'SecurityError');
    }, '/pack/', encode);
    await expect(runner.generate(LAYOUT, {}, () => {})).rejects.toThrow('origin null');
    expect(runner.getState()).toEqual({ status: 'idle' });
  });
});
