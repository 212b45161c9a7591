/**
 * Worker-protocol fuzzing (issue #20 §7): random and half-valid messages posted to the worker
 * host get typed errors (never a crash, never an answer without an id), and the engine keeps
 * working afterwards. CI runs a fixed small budget; `npm run bench:fuzz` a long one
 * (BLOBGEN_FUZZ_RUNS).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult } from '../runtime/engine/BlobGenEngine';
import type { PackSpec } from '../runtime/pack/packSpec';
import type { PackDescription } from './packDescription';
import type { WorkerResponse } from './protocol';
import { WORKER_ERRORS } from './workerErrors';
import { WorkerHost, type EngineLike } from './workerHost';

const RUNS = Number(process.env.BLOBGEN_FUZZ_RUNS ?? 300);

function fakeEngine(): EngineLike {
  return {
    spec: { name: 'fake' } as unknown as PackSpec,
    gpu: { description: 'fake gpu', isSoftware: true },
    backend: 'wasm',
    memory: { liveBytes: 0, liveBuffers: 0, peakBytes: 0, kernelBytes: 0 },
    generate: async (request: GenerateRequest): Promise<GenerateResult> => {
      await Promise.resolve();
      return { image: { width: 1, height: 1, data: new Uint8ClampedArray(4) }, seed: request.seed, steps: 1, guidance: 1, sampler: 'ddim', timings: {} as GenerateResult['timings'], truncated: [], blobCount: request.layout.blobs.length, hiddenBlobs: 0, peakGpuBytes: 0, backend: 'wasm' };
    },
    masks: async () => [],
    dispose: async () => undefined,
  };
}

const description = { name: 'fake', version: '1', description: '', license: 'MIT', image: { width: 1, height: 1 } } as unknown as PackDescription;

const KINDS = ['info', 'load', 'generate', 'masks', 'cancel', 'stats', 'dispose', '__proto__', 'constructor', 'toString', ''];

/** Valid requests, mixed in so that the hostile ones arrive between real loads and generations. */
const validMessage = fc.oneof(
  fc.record({ kind: fc.constant('load'), id: fc.nat(), payload: fc.constant({ packUrl: '/pack/' }) }),
  fc.record({ kind: fc.constant('generate'), id: fc.nat(), payload: fc.record({ layout: fc.constant({ caption: 'c', blobs: [{ id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'red' }] }), options: fc.record({ seed: fc.nat() }) }) }),
  fc.record({ kind: fc.constantFrom('stats', 'cancel', 'dispose'), id: fc.nat(), payload: fc.constant({}) }),
);

/** Messages from anything at all to nearly valid requests with one field wrong. */
const hostileMessage = fc.oneof(
  validMessage,
  fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true }),
  fc.record({ kind: fc.constantFrom(...KINDS), id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(undefined)), payload: fc.anything() }, { requiredKeys: [] }),
  fc.record({
    kind: fc.constant('generate'),
    id: fc.integer(),
    payload: fc.record({
      layout: fc.oneof(fc.anything(), fc.record({ caption: fc.string(), blobs: fc.array(fc.record({ id: fc.string(), cx: fc.double(), cy: fc.double(), a: fc.double(), b: fc.double(), theta: fc.double(), description: fc.string() }), { maxLength: 70 }) })),
      options: fc.oneof(fc.anything(), fc.record({ seed: fc.oneof(fc.integer(), fc.double()), steps: fc.oneof(fc.integer(), fc.double()), sampler: fc.string() }, { requiredKeys: [] })),
    }),
  }),
);

describe('worker protocol fuzz', () => {
  it(`${String(RUNS)} hostile messages: typed errors only, and the engine keeps working`, async () => {
    const posted: WorkerResponse[] = [];
    const host = new WorkerHost((message) => posted.push(message), async () => fakeEngine(), async () => description);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let typedErrors = 0;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(hostileMessage, async (message) => {
        posted.length = 0;
        await host.handle(message);
        for (const answer of posted) {
          expect(typeof answer.id).toBe('number');
          expect(['progress', 'return', 'throw']).toContain(answer.kind);
          // Every refusal is one of the registered, typed errors (rebuilt as its class by the client).
          if (answer.kind === 'throw') {
            expect(Object.keys(WORKER_ERRORS)).toContain(answer.payload.name);
            typedErrors++;
          }
          if (answer.kind === 'return') answered++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The per-answer checks above ran: hostile messages were answered, not silently dropped.
    expect(typedErrors).toBeGreaterThan(0);
    expect(answered).toBeGreaterThan(0);

    posted.length = 0;
    await host.handle({ kind: 'load', id: 1, payload: { packUrl: '/pack/' } });
    await host.handle({ kind: 'generate', id: 2, payload: { layout: { caption: 'still works', blobs: [] }, options: { seed: 4 } } });
    expect(posted.filter((m) => m.kind !== 'progress').map((m) => [m.id, m.kind])).toEqual([
      [1, 'return'],
      [2, 'return'],
    ]);
    console.log(`worker fuzz: ${String(RUNS)} messages, ${String(typedErrors)} typed errors, ${String(answered)} answers, 0 crashes; the engine generated afterwards`);
  });
});
