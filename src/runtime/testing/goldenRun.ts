/**
 * Test helper: the default pack's PyTorch reference runs (goldens/<name>.json + .bin, written by
 * training/blobgen/goldens.py) as typed arrays, and the pack URL tests load.
 * VITE_BLOBGEN_TEST_PACK may point the browser tests at another served pack folder.
 */
import type { LayoutDocument } from '../../layout/types';

export const TEST_PACK_URL: string = (import.meta.env.VITE_BLOBGEN_TEST_PACK as string | undefined) ?? '/models/blobgen-tiny-shapes/';

interface TensorIndex {
  offset: number;
  shape: number[];
  dtype: 'float32' | 'int32';
}

export interface GoldenRun {
  name: string;
  seed: number;
  layout: LayoutDocument;
  settings: { steps: number; guidance: number; maskMode: string };
  /** The whole golden JSON (training-free goldens carry sampler, negative caption, overrides). */
  meta: Record<string, unknown>;
  names: string[];
  tensor(name: string): { data: Float32Array | Int32Array; shape: number[] };
}

export async function loadGoldenRun(name: string, packUrl = TEST_PACK_URL): Promise<GoldenRun> {
  const base = new URL(packUrl, location.href);
  const metaResponse = await fetch(new URL(`goldens/${name}.json`, base));
  if (!metaResponse.ok) throw new Error(`golden ${name}: HTTP ${metaResponse.status} for ${metaResponse.url} (is the model pack exported?)`);
  const meta = (await metaResponse.json()) as {
    seed: number;
    caption: string;
    blobs: { cx: number; cy: number; a: number; b: number; theta: number; description: string }[];
    settings: GoldenRun['settings'];
    binary: string;
    tensors: Record<string, TensorIndex>;
  };
  const bin = await (await fetch(new URL(`goldens/${meta.binary}`, base))).arrayBuffer();
  return {
    name,
    seed: meta.seed,
    layout: { caption: meta.caption, blobs: meta.blobs.map((b, i) => ({ id: `g${i}`, ...b })) },
    settings: meta.settings,
    meta: meta as unknown as Record<string, unknown>,
    names: Object.keys(meta.tensors),
    tensor(tensorName) {
      const index = meta.tensors[tensorName];
      if (!index) throw new Error(`golden ${name} has no tensor ${tensorName}`);
      const count = index.shape.reduce((a, b) => a * b, 1);
      const data = index.dtype === 'int32' ? new Int32Array(bin, index.offset, count) : new Float32Array(bin, index.offset, count);
      return { data, shape: index.shape };
    },
  };
}

export function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? NaN) - (b[i] ?? NaN));
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}

export function meanAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] ?? NaN) - (b[i] ?? NaN));
  return s / a.length;
}
