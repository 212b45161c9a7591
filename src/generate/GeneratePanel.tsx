/**
 * Minimal generation UI: Generate / Cancel, seed, progress, result image, clear messages when
 * WebGPU is missing or a model pack fails. Self-contained so the app can mount it anywhere
 * (e.g. the editor's #generate-panel slot); the editor keeps working whatever happens here.
 */
import { useEffect, useRef, useState } from 'react';
import type { LayoutDocument } from '../layout/types';
import type { RgbaImage } from '../runtime/engine/imageOutput';
import type { EngineClient } from '../worker/EngineClient';
import { useGenerator, type GeneratorState } from './useGenerator';

/** A decoded x̂0 preview every few steps: one small decoder run and readback each. */
const PREVIEW_EVERY = 5;

export interface GeneratePanelProps {
  layout: LayoutDocument;
  packUrl?: string;
  /** Tests inject a client; the app lets the hook spawn the worker. */
  createClient?: () => EngineClient;
}

function ImageCanvas({ image, label }: { image: RgbaImage; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = image.width;
    canvas.height = image.height;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  }, [image]);
  // Small native resolutions are shown enlarged with crisp pixels.
  return <canvas ref={ref} role="img" aria-label={label} style={{ width: 256, maxWidth: '100%', imageRendering: 'pixelated' }} />;
}

function statusText(state: GeneratorState): string {
  switch (state.status) {
    case 'loading': {
      const p = state.progress;
      if (!p || p.stage === 'device') return 'Starting the GPU…';
      if (p.stage === 'download') return `Downloading the model… ${Math.round((100 * p.loadedBytes) / Math.max(1, p.totalBytes))} %`;
      return `Preparing the model (${p.index + 1}/${p.count})…`;
    }
    case 'generating':
      return state.steps ? `Generating… step ${state.step} of ${state.steps}` : 'Generating…';
    case 'done': {
      const t = state.result.timings;
      return `Done in ${(t.totalMs / 1000).toFixed(1)} s (${state.result.steps} steps, seed ${state.result.seed}).`;
    }
    default:
      return '';
  }
}

export function GeneratePanel({ layout, packUrl, createClient }: GeneratePanelProps) {
  const { state, generate, cancel } = useGenerator({ ...(packUrl ? { packUrl } : {}), ...(createClient ? { createClient } : {}) });
  const [seed, setSeed] = useState(7);
  const busy = state.status === 'loading' || state.status === 'generating';
  const image = state.status === 'done' ? state.result.image : state.status === 'generating' ? state.preview : null;
  return (
    <section className="generate-panel" aria-label="Generate image">
      {state.status === 'unsupported' ? (
        <p role="alert" className="generate-panel__unsupported">
          {state.message}
        </p>
      ) : (
        <div className="generate-panel__controls">
          <label>
            Seed{' '}
            <input type="number" min={0} max={4294967295} value={seed} onChange={(e) => setSeed(Math.max(0, Math.min(4294967295, Math.floor(Number(e.target.value) || 0))))} />
          </label>
          <button type="button" onClick={() => void generate(layout, { seed, previewEvery: PREVIEW_EVERY })} disabled={state.status === 'loading'}>
            Generate
          </button>
          {busy && (
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {state.status === 'generating' && <progress max={state.steps || 1} value={state.step} aria-label="Generation progress" />}
      <p aria-live="polite" className="generate-panel__status">
        {statusText(state)}
      </p>
      {state.status === 'error' && (
        <p role="alert" className="generate-panel__error">
          {state.message}
        </p>
      )}
      {state.status === 'done' && state.result.truncated.length > 0 && (
        <p className="generate-panel__note">Some descriptions were longer than the model reads and were shortened.</p>
      )}
      {image && <ImageCanvas image={image} label={state.status === 'done' ? 'Generated image' : 'Preview'} />}
    </section>
  );
}
