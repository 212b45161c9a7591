/**
 * Page script for headless automation (the `npm run generate` CLI, benchmarks, e2e): exposes the
 * same EngineClient the app uses as `window.__blobgen`, with plain-data results that cross
 * Playwright's evaluate boundary (images as base64).
 */
import { parseLayoutJson } from '../layout/layoutJson';
import type { LayoutDocument } from '../layout/types';
import { EngineClient } from '../worker/EngineClient';
import type { GenerateOptions, LoadPayload, LoadProgress, PackInfo } from '../worker/protocol';

function toBase64(bytes: Uint8ClampedArray): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export interface HarnessResult {
  width: number;
  height: number;
  rgbaBase64: string;
  timings: unknown;
  truncated: unknown;
  blobCount: number;
  hiddenBlobs: number;
  peakGpuBytes: number;
  steps: number;
  guidance: number;
  sampler: string;
  backend: string;
  wallMs: number;
}

const client = new EngineClient();
const log: LoadProgress[] = [];

const harness = {
  client,
  async load(packUrl: string, options: Omit<LoadPayload, 'packUrl'> = {}): Promise<PackInfo & { progressEvents: number }> {
    const info = await client.load(packUrl, { ...options, onProgress: (p) => log.push(p) });
    return { ...info, progressEvents: log.length };
  },
  parseLayout(text: string): { ok: true; layout: LayoutDocument; warnings: string[] } | { ok: false; errors: string[] } {
    const result = parseLayoutJson(text);
    return result.ok ? { ok: true, layout: result.document, warnings: result.warnings } : { ok: false, errors: result.errors };
  },
  async generate(layout: LayoutDocument, options: GenerateOptions): Promise<HarnessResult> {
    const started = performance.now();
    const out = await client.generate(layout, options);
    return {
      width: out.image.width,
      height: out.image.height,
      rgbaBase64: toBase64(out.image.data),
      timings: out.timings,
      truncated: out.truncated,
      blobCount: out.blobCount,
      hiddenBlobs: out.hiddenBlobs,
      peakGpuBytes: out.peakGpuBytes,
      steps: out.steps,
      guidance: out.guidance,
      sampler: out.sampler,
      backend: out.backend,
      wallMs: performance.now() - started,
    };
  },
  stats: () => client.stats(),
};

declare global {
  interface Window {
    __blobgen?: typeof harness;
  }
}
window.__blobgen = harness;
document.body.dataset.harness = 'ready';
