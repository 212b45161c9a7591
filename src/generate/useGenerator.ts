/**
 * React state for generating images through the inference worker (one EngineClient per hook
 * owner). UI code never touches WebGPU or ORT: it only sees this state and the typed errors.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LayoutDocument } from '../layout/types';
import { EngineClient } from '../worker/EngineClient';
import type { GenerateOptions, GenerateOutput, LoadProgress, PackInfo } from '../worker/protocol';
import type { RgbaImage } from '../runtime/engine/imageOutput';

export const DEFAULT_PACK_URL = '/models/blobgen-tiny-shapes/';

export type GeneratorState =
  | { status: 'unsupported'; message: string }
  | { status: 'idle' }
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'generating'; step: number; steps: number; preview: RgbaImage | null }
  | { status: 'done'; result: GenerateOutput }
  | { status: 'error'; name: string; message: string };

export const NO_WEBGPU_MESSAGE =
  'Image generation needs WebGPU, which this browser does not provide. Use a recent Chrome or Edge on desktop (with hardware acceleration on). You can keep editing layouts.';

/** The main thread can tell "no WebGPU at all" before spawning a worker (workers see the same API). */
export function webGpuAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator && Boolean((navigator as Navigator & { gpu?: unknown }).gpu);
}

export interface Generator {
  state: GeneratorState;
  pack: PackInfo | null;
  generate(layout: LayoutDocument, options: GenerateOptions): Promise<void>;
  cancel(): void;
}

export function useGenerator(options: { packUrl?: string; createClient?: () => EngineClient } = {}): Generator {
  const packUrl = options.packUrl ?? DEFAULT_PACK_URL;
  const createClient = options.createClient;
  const [state, setState] = useState<GeneratorState>(() => (webGpuAvailable() || createClient ? { status: 'idle' } : { status: 'unsupported', message: NO_WEBGPU_MESSAGE }));
  const [pack, setPack] = useState<PackInfo | null>(null);
  const clientRef = useRef<EngineClient | null>(null);
  const loadRef = useRef<Promise<PackInfo> | null>(null);

  useEffect(
    () => () => {
      clientRef.current?.terminate();
      clientRef.current = null;
      loadRef.current = null;
    },
    [],
  );

  const ensureLoaded = useCallback(async (): Promise<EngineClient> => {
    if (!clientRef.current) clientRef.current = createClient ? createClient() : new EngineClient();
    const client = clientRef.current;
    if (!loadRef.current) {
      setState({ status: 'loading', progress: null });
      loadRef.current = client.load(packUrl, { onProgress: (progress) => setState({ status: 'loading', progress }) });
      loadRef.current.then(setPack, () => {
        loadRef.current = null; // a failed load may be retried
      });
    }
    await loadRef.current;
    return client;
  }, [createClient, packUrl]);

  const generate = useCallback(
    async (layout: LayoutDocument, generateOptions: GenerateOptions) => {
      try {
        const client = await ensureLoaded();
        setState({ status: 'generating', step: 0, steps: generateOptions.steps ?? 0, preview: null });
        const result = await client.generate(layout, generateOptions, (p) => setState({ status: 'generating', step: p.step, steps: p.steps, preview: p.preview ?? null }));
        setState({ status: 'done', result });
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        // A superseded request is not an error the person needs to see: the newer one reports.
        if (name === 'GenerationCancelledError' && /superseded/.test(message)) return;
        if (name === 'GenerationCancelledError') setState({ status: 'idle' });
        else if (name === 'WebGPUNotAvailableError') setState({ status: 'unsupported', message: `${NO_WEBGPU_MESSAGE} (${message})` });
        else setState({ status: 'error', name, message });
      }
    },
    [ensureLoaded],
  );

  const cancel = useCallback(() => {
    void clientRef.current?.cancel();
  }, []);

  return { state, pack, generate, cancel };
}
