import { describe, expect, it } from 'vitest';
import { GenerationCancelledError } from '../runtime/errors';
import type { GenerateRequest, GenerateResult, StepProgress } from '../runtime/engine/BlobGenEngine';
import type { LayoutDocument } from '../layout/types';
import type { PackSpec } from '../runtime/pack/packSpec';
import { EngineClient, type WorkerLike } from './EngineClient';
import type { WorkerResponse } from './protocol';
import { WorkerHost, type EngineLike } from './workerHost';

/** A fake engine whose steps advance on a timer and honour the abort signal between steps. */
function fakeEngine(): EngineLike & { generated: number; disposed: boolean } {
  const engine = {
    generated: 0,
    disposed: false,
    spec: { name: 'fake', version: '1', description: '', license: 'MIT', image: { width: 2, height: 1 }, scheduler: { defaultSteps: 3, defaultGuidance: 3, defaultSampler: 'ddim' } } as unknown as PackSpec,
    gpu: { description: 'fake gpu', isSoftware: true },
    backend: 'wasm' as const,
    memory: { liveBytes: 0, liveBuffers: 0, peakBytes: 0, kernelBytes: 0 },
    async generate(request: GenerateRequest, options: { onStep?: (p: StepProgress) => void; signal?: AbortSignal }): Promise<GenerateResult> {
      const steps = request.steps ?? 3;
      for (let i = 0; i < steps; i++) {
        await new Promise((r) => setTimeout(r, 5));
        if (options.signal?.aborted) throw new GenerationCancelledError();
        options.onStep?.({ step: i + 1, steps, timestep: 999 - i });
      }
      engine.generated++;
      return { image: { width: 2, height: 1, data: new Uint8ClampedArray(8).fill(request.seed) }, seed: request.seed, steps, guidance: 3, sampler: 'ddim', timings: {} as GenerateResult['timings'], truncated: [], blobCount: request.layout.blobs.length, hiddenBlobs: 0, peakGpuBytes: 0, backend: 'wasm' };
    },
    async masks(l: LayoutDocument) {
      return [{ height: 2, width: 2, masks: new Float32Array(4 * l.blobs.length).fill(0.5) }];
    },
    async dispose() {
      engine.disposed = true;
    },
  };
  return engine;
}

/** Connects an EngineClient to a WorkerHost in-process (structured-clone-free, same semantics). */
function connect(engine = fakeEngine()) {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const host = new WorkerHost(
    (message: WorkerResponse) => queueMicrotask(() => listeners.forEach((l) => l({ data: message } as MessageEvent))),
    async () => engine,
  );
  const worker: WorkerLike = {
    postMessage: (m: unknown) => void host.handle(m),
    addEventListener: ((type: string, l: (e: MessageEvent) => void) => {
      if (type === 'message') listeners.push(l);
    }) as WorkerLike['addEventListener'],
    terminate: () => {},
  };
  return { client: new EngineClient(worker), engine };
}

const layout = { caption: 'c', blobs: [] };

describe('WorkerHost + EngineClient protocol', () => {
  it('loads, reports per-step progress and returns the image', async () => {
    const { client } = connect();
    const info = await client.load('/pack/');
    expect(info).toMatchObject({ name: 'fake', ortBackend: 'wasm', defaults: { steps: 3 } });
    const steps: number[] = [];
    const out = await client.generate(layout, { seed: 5 }, (p) => steps.push(p.step));
    expect(steps).toEqual([1, 2, 3]);
    expect(Array.from(out.image.data)).toEqual(new Array(8).fill(5));
  });

  it('generate before load is a typed, explained error', async () => {
    const { client } = connect();
    await expect(client.generate(layout, { seed: 1 })).rejects.toMatchObject({ name: 'EngineStateError', message: expect.stringMatching(/load/) });
  });

  it('masks: refused before a load, then the engine readback per site, also while generating', async () => {
    const { client } = connect();
    await expect(client.masks(layout)).rejects.toMatchObject({ name: 'EngineStateError', message: expect.stringMatching(/load/) });
    await client.load('/pack/');
    const twoBlobs = { caption: 'c', blobs: [0, 1].map((i) => ({ id: `b${i}`, cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'red' })) };
    const running = client.generate(layout, { seed: 1, steps: 5 });
    const sites = await client.masks(twoBlobs);
    expect(sites).toEqual([{ height: 2, width: 2, masks: new Float32Array(8).fill(0.5) }]);
    await expect(running).resolves.toMatchObject({ seed: 1 });
    await expect(client.masks({ caption: 'c', blobs: 'none' } as unknown as LayoutDocument)).rejects.toMatchObject({ name: 'InvalidRequestError', message: expect.stringMatching(/layout\.blobs/) });
  });

  it('cancel stops the running generation and the worker stays usable', async () => {
    const { client } = connect();
    await client.load('/pack/');
    let cancelled: Promise<{ cancelled: boolean }> | null = null;
    const running = client.generate(layout, { seed: 1, steps: 50 }, (p) => {
      if (p.step === 2) cancelled = client.cancel();
    });
    await expect(running).rejects.toBeInstanceOf(GenerationCancelledError);
    await expect(cancelled).resolves.toEqual({ cancelled: true });
    await expect(client.generate(layout, { seed: 2, steps: 2 })).resolves.toMatchObject({ seed: 2 });
    await expect(client.cancel()).resolves.toEqual({ cancelled: false });
  });

  it('a newer generate supersedes the running one', async () => {
    const { client, engine } = connect();
    await client.load('/pack/');
    let newer: Promise<unknown> | null = null;
    const older = client.generate(layout, { seed: 1, steps: 50 }, (p) => {
      if (p.step === 1) newer = client.generate(layout, { seed: 9, steps: 2 });
    });
    await expect(older).rejects.toThrow(/superseded/);
    await expect(newer).resolves.toMatchObject({ seed: 9 });
    expect(engine.generated).toBe(1);
  });

  it('a second load replaces the first engine, which is disposed', async () => {
    const engines = [fakeEngine(), fakeEngine()];
    let next = 0;
    const listeners: ((e: MessageEvent) => void)[] = [];
    const host = new WorkerHost(
      (message: WorkerResponse) => queueMicrotask(() => listeners.forEach((l) => l({ data: message } as MessageEvent))),
      async () => {
        await new Promise((r) => setTimeout(r, 10));
        return engines[next++] as EngineLike;
      },
    );
    const client = new EngineClient({
      postMessage: (m: unknown) => void host.handle(m),
      addEventListener: ((type: string, l: (e: MessageEvent) => void) => {
        if (type === 'message') listeners.push(l);
      }) as WorkerLike['addEventListener'],
      terminate: () => {},
    });
    await Promise.all([client.load('/a/'), client.load('/b/')]);
    expect(engines[0]?.disposed).toBe(true);
    expect(engines[1]?.disposed).toBe(false);
  });

  it('rejects malformed requests with path-qualified messages', async () => {
    const { client } = connect();
    await client.load('/pack/');
    await expect(client.generate(layout, { seed: -1 })).rejects.toMatchObject({ name: 'InvalidRequestError', message: expect.stringMatching(/options\.seed/) });
  });

  it('dispose frees the engine; a later generate asks for a load', async () => {
    const { client, engine } = connect();
    await client.load('/pack/');
    await client.dispose();
    expect(engine.disposed).toBe(true);
    await expect(client.generate(layout, { seed: 1 })).rejects.toMatchObject({ name: 'EngineStateError' });
  });
});
