/**
 * The generation loop behind the Generate, Variations and Cancel buttons. Generation runs in the
 * inference worker; this only queues requests, shows progress and keeps results, so the editor
 * stays responsive throughout.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { LayoutDocument } from '../../layout/types';
import { EngineClient } from '../../worker/EngineClient';
import type { GenerateOutput } from '../../worker/protocol';
import { addToGallery } from '../gallery/galleryStore';
import { encodeResultPng, encodeThumbnail } from '../image/encodePng';
import { distinctRandomSeeds } from '../settings/randomSeed';
import { adoptPackDescription } from '../pack/adoptPackDescription';
import { seedForNextRun, toEmbeddedSettings, useStudioSettings } from '../settings/settingsStore';
import { serializeLayoutJson } from '../../layout/layoutJson';
import { GenerationQueue, type GenerationJob } from './generationQueue';
import { loadProgressView } from './loadProgressView';
import { pushResult, useRunStore, type StudioResult } from './runStore';
import type { StudioEngine } from './studioEngine';

export const VARIATION_COUNT = 4;

export interface StudioRunner {
  /** The engine the runner drives (for the mask view's GPU readback). */
  engine: StudioEngine;
  /** Loads the pack if it is not loaded yet (one load at a time); false when loading failed. */
  prepare: () => Promise<boolean>;
  generate: () => Promise<void>;
  variations: () => Promise<void>;
  /** Rebuilds the engine after a GPU device loss (new adapter and device, pack from its cache). */
  reload: () => Promise<boolean>;
  cancel: () => Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Pack loading, lazily on the first Generate: opening the app costs no GPU or download. */
async function ensureLoaded(engine: StudioEngine, packUrl: string): Promise<boolean> {
  const state = useRunStore.getState().engine;
  if (state.status === 'ready') return true;
  // After a device loss the worker builds a new adapter and device and reloads the pack through
  // the normal load path, which finds its files in the cache.
  const again = state.status === 'lost' ? 'Reloading the model after the GPU was lost: ' : '';
  useRunStore.setState({ engine: { status: 'loading', detail: `${again}Starting the GPU…` }, outcome: null });
  try {
    const info = await engine.load(packUrl, {
      onProgress: (p) => {
        useRunStore.setState({ engine: { status: 'loading', ...loadProgressView(p, again) } });
      },
    });
    adoptPackDescription(info);
    useRunStore.setState({ engine: { status: 'ready', info } });
    return true;
  } catch (error) {
    useRunStore.setState({ engine: { status: 'failed', message: message(error) } });
    return false;
  }
}

async function keepResult(job: GenerationJob, output: GenerateOutput, packName: string): Promise<void> {
  const settings = toEmbeddedSettings({ seed: output.seed, steps: output.steps, guidance: output.guidance, sampler: output.sampler, negativeCaption: job.negativeCaption }, packName);
  const png = await encodeResultPng(output.image, job.layout, settings);
  const result: StudioResult = { id: crypto.randomUUID(), layout: job.layout, settings, image: output.image, png, ...(output.localEdit ? { localEdit: output.localEdit } : {}) };
  pushResult(result);
  // The gallery reports its own problems (quota) and keeps the item in memory if it cannot store it.
  await addToGallery({
    id: result.id,
    createdAt: Date.now(),
    layoutJson: serializeLayoutJson(job.layout),
    settings,
    image: png,
    thumbnail: await encodeThumbnail(output.image),
  });
}

export function useStudioRunner(options: { engine?: StudioEngine; packUrl: string; getLayout: () => LayoutDocument }): StudioRunner {
  const { packUrl } = options;
  const ownEngine = useRef<EngineClient | null>(null);
  const latestOptions = useRef(options);
  useEffect(() => {
    latestOptions.current = options;
  });
  const engine = useMemo<StudioEngine>(
    () =>
      options.engine ?? {
        // The worker starts when the panel asks for the pack's description (no GPU, no model download).
        info: (...args) => (ownEngine.current ??= new EngineClient()).info(...args),
        load: (...args) => (ownEngine.current ??= new EngineClient()).load(...args),
        generate: (...args) => (ownEngine.current ??= new EngineClient()).generate(...args),
        cancel: () => ownEngine.current?.cancel() ?? Promise.resolve({ cancelled: false }),
        masks: (layout) => ownEngine.current?.masks(layout) ?? Promise.reject(new Error('The model pack is not loaded yet.')),
      },
    [options.engine],
  );
  const queue = useMemo(() => new GenerationQueue(engine), [engine]);
  // The mask view and Generate may both ask for the pack; they share one load.
  const loading = useRef<Promise<boolean> | null>(null);
  const prepare = useCallback(
    () =>
      (loading.current ??= ensureLoaded(engine, packUrl).finally(() => {
        loading.current = null;
      })),
    [engine, packUrl],
  );
  useEffect(
    () => () => {
      ownEngine.current?.terminate();
      ownEngine.current = null;
    },
    [],
  );

  const run = useCallback(
    async (seeds: () => number[], editLocally: boolean) => {
      if (queue.isRunning || useRunStore.getState().progress.status === 'running') return;
      useRunStore.setState({ progress: { status: 'running', label: 'Loading the model', step: 0, steps: 0, preview: null, cancelling: false }, outcome: null });
      if (!(await prepare())) {
        useRunStore.setState({ progress: { status: 'idle' } });
        return;
      }
      const afterLoad = useRunStore.getState().progress;
      if (afterLoad.status === 'running' && afterLoad.cancelling) {
        useRunStore.setState({ progress: { status: 'idle' }, outcome: { tone: 'info', text: 'Cancelled.' } });
        return;
      }
      const layout = latestOptions.current.getLayout();
      const { steps, guidance, sampler, seedLocked, keepUnedited, negativeCaption } = useStudioSettings.getState();
      const localEdit = editLocally && seedLocked && keepUnedited;
      const engineState = useRunStore.getState().engine;
      const packName = engineState.status === 'ready' ? engineState.info.name : '';
      // The negative caption goes only to packs that take one (others would ignore it, and the PNG must not claim it).
      const takesNegative = engineState.status === 'ready' && engineState.info.conditioning.negativeCaption;
      const jobs = seeds().map((seed): GenerationJob => ({ layout, seed, steps, guidance, sampler, ...(takesNegative ? { negativeCaption } : {}), ...(localEdit ? { localEdit } : {}) }));
      useRunStore.setState({ batch: [] });
      let stepsSeen = 0;
      const runJobs = () => queue.run(jobs, {
        onJobStart: (index) =>
          useRunStore.setState({
            progress: {
              status: 'running',
              label: jobs.length > 1 ? `Variation ${index + 1} of ${jobs.length}` : 'Generating',
              step: 0,
              steps,
              preview: null,
              cancelling: false,
            },
          }),
        onStep: (_index, p) => {
          stepsSeen++;
          const current = useRunStore.getState().progress;
          if (current.status !== 'running') return;
          useRunStore.setState({ progress: { ...current, step: p.step, steps: p.steps, preview: p.preview ?? current.preview } });
        },
        onResult: (_index, job, output) => keepResult(job, output, packName),
      });
      let outcome = await runJobs();
      // The device was lost while nothing ran (after the last image, or while idle): this run never
      // started. Rebuild the engine and run it once more, so this Generate is the one that recovers.
      if (outcome.kind === 'failed' && outcome.error.name === 'DeviceLostError' && stepsSeen === 0 && outcome.completed === 0) {
        useRunStore.setState({ engine: { status: 'lost', message: outcome.error.message } });
        if (!(await prepare())) {
          useRunStore.setState({ progress: { status: 'idle' } });
          return;
        }
        outcome = await runJobs();
      }
      // A lost device fails every later run the same way: mark the engine for rebuilding, so the
      // next Generate (or "Reload the model") loads it again on a new device.
      if (outcome.kind === 'failed' && outcome.error.name === 'DeviceLostError') useRunStore.setState({ engine: { status: 'lost', message: outcome.error.message } });
      useRunStore.setState({
        progress: { status: 'idle' },
        outcome:
          outcome.kind === 'cancelled'
            ? { tone: 'info', text: outcome.completed > 0 ? `Cancelled after ${outcome.completed} image(s).` : 'Cancelled.' }
            : outcome.kind === 'failed'
              ? { tone: 'error', text: `The generation failed: ${outcome.error.message}` }
              : null,
      });
    },
    [prepare, queue],
  );

  const generate = useCallback(() => run(() => [seedForNextRun()], true), [run]);
  const variations = useCallback(() => run(() => distinctRandomSeeds(VARIATION_COUNT), false), [run]);
  const cancel = useCallback(async () => {
    const current = useRunStore.getState().progress;
    if (current.status !== 'running') return;
    useRunStore.setState({ progress: { ...current, cancelling: true } });
    await queue.cancel();
  }, [queue]);
  const reload = useCallback(async () => {
    if (useRunStore.getState().progress.status === 'running') return false;
    useRunStore.setState({ progress: { status: 'running', label: 'Reloading the model', step: 0, steps: 0, preview: null, cancelling: false } });
    try {
      return await prepare();
    } finally {
      useRunStore.setState({ progress: { status: 'idle' } });
    }
  }, [prepare]);
  return useMemo(() => ({ engine, prepare, generate, variations, cancel, reload }), [engine, prepare, generate, variations, cancel, reload]);
}
