import { describe, expect, it } from 'vitest';
import { GenerationCancelledError, InvalidManifestError, InvalidRequestError } from '../runtime/errors';
import type { PackDescription } from './packDescription';
import { GUIDANCE_MAX } from '../engine/samplingSettings';
import { MAX_BLOBS, MAX_CAPTION_LENGTH, MAX_DESCRIPTION_LENGTH } from '../layout/limits';
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

/** A description reader that counts its reads (the real one fetches the manifest and tokenizer). */
function fakeDescriber() {
  const reads: string[] = [];
  return {
    reads,
    read: async (packUrl: string): Promise<PackDescription> => {
      reads.push(packUrl);
      if (packUrl.includes('missing')) throw new InvalidManifestError(`${packUrl}manifest.json is not valid JSON`, ['(root): not JSON']);
      return {
        name: 'fake',
        version: '1',
        description: '',
        license: 'MIT',
        image: { width: 2, height: 1 },
        defaults: { steps: 3, guidance: 3, sampler: 'ddim' },
        samplers: ['ddim', 'dpmpp-2m'],
        tokenizer: { vocabulary: { words: ['a'] }, maxTokens: 8, framing: { kind: 'cls' } },
        conditioning: { mode: 'trained-blob', negativeCaption: false, guidance: 'cfg' },
        previewDecoder: false,
        sites: [{ height: 2, width: 2 }],
        mask: { mode: 'coverage' },
      };
    },
  };
}

/** Connects an EngineClient to a WorkerHost in-process (structured-clone-free, same semantics). */
function connect(engine = fakeEngine(), describeFake = fakeDescriber()) {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const host = new WorkerHost(
    (message: WorkerResponse) => queueMicrotask(() => listeners.forEach((l) => l({ data: message } as MessageEvent))),
    async () => engine,
    describeFake.read,
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
      fakeDescriber().read,
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

  it('validates layouts and settings with the layout module and the one settings definition', async () => {
    const { client } = connect();
    await client.load('/pack/');
    const blob = { id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'a ball' };
    const withBlob = (patch: object) => ({ ...layout, blobs: [{ ...blob, ...patch }] }) as LayoutDocument;
    await expect(client.generate(withBlob({ a: -0.1 }), { seed: 1 })).rejects.toMatchObject({ name: 'InvalidRequestError', message: expect.stringMatching(/layout\.blobs\.0\.a/) });
    await expect(client.generate(withBlob({ description: 'x'.repeat(MAX_DESCRIPTION_LENGTH + 1) }), { seed: 1 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(client.generate({ ...layout, caption: 'x'.repeat(MAX_CAPTION_LENGTH + 1) }, { seed: 1 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(client.generate({ ...layout, blobs: Array.from({ length: MAX_BLOBS + 1 }, (_, i) => ({ ...blob, id: `b${i}` })) }, { seed: 1 })).rejects.toBeInstanceOf(InvalidRequestError);
    const rejected = client.generate(layout, { seed: 1, guidance: GUIDANCE_MAX + 1 });
    await expect(rejected).rejects.toMatchObject({ name: 'InvalidRequestError', issues: [expect.stringMatching(/options\.guidance/)] });
    await expect(client.generate(layout, { seed: 1, sampler: 'no-such-sampler' as never })).rejects.toMatchObject({ message: expect.stringMatching(/options\.sampler/) });
    await expect(client.generate(layout, { seed: 1, guidance: GUIDANCE_MAX, steps: 1 })).resolves.toMatchObject({ seed: 1 });
  });

  it('answers info from one read of the pack, shared with load, and passes manifest errors with their issues', async () => {
    const describer = fakeDescriber();
    const { client } = connect(fakeEngine(), describer);
    const info = await client.info('/pack/');
    expect(info).toMatchObject({ name: 'fake', tokenizer: { maxTokens: 8 }, sites: [{ height: 2, width: 2 }] });
    expect(await client.info('/pack/')).toEqual(info);
    const loaded = await client.load('/pack/');
    expect(loaded).toMatchObject({ ...info, ortBackend: 'wasm', device: 'fake gpu' });
    expect(describer.reads).toEqual(['/pack/']);
    const failed = client.info('/missing/');
    await expect(failed).rejects.toBeInstanceOf(InvalidManifestError);
    await expect(failed).rejects.toMatchObject({ issues: ['(root): not JSON'] });
  });

  it('dispose frees the engine; a later generate asks for a load', async () => {
    const { client, engine } = connect();
    await client.load('/pack/');
    await client.dispose();
    expect(engine.disposed).toBe(true);
    await expect(client.generate(layout, { seed: 1 })).rejects.toMatchObject({ name: 'EngineStateError' });
  });
});
