/**
 * Browser side of bench/blobWeights.mjs: the measured effect of per-blob strength and active
 * steps on the default pack. Same engine and worker as the app (EngineClient); colour fidelity is
 * the app's readout (src/studio/fidelity/colourFidelity.ts, training's col_acc metric).
 *
 * For every setting, every blob of BENCH_LAYOUT gets it, and the mean per-blob accuracy over a few
 * seeds is reported, so the figures say what a user sees when they turn the control.
 */
import type { LayoutDocument } from '../src/layout/types';
import { measureColourFidelity } from '../src/studio/fidelity/colourFidelity';
import { EngineClient } from '../src/worker/EngineClient';

const LAYOUT: LayoutDocument = {
  caption: 'green ground under a blue sky',
  blobs: [
    { id: 'a', cx: 0.3, cy: 0.35, a: 0.2, b: 0.14, theta: 0.6, description: 'a plain red oval' },
    { id: 'b', cx: 0.68, cy: 0.62, a: 0.22, b: 0.16, theta: -0.4, description: 'a plain yellow shape' },
    { id: 'c', cx: 0.45, cy: 0.75, a: 0.14, b: 0.1, theta: 1.2, description: 'a plain purple oval' },
  ],
};

export interface WeightSetting {
  name: string;
  strength?: number;
  activeSteps?: { from: number; to: number };
}

const SETTINGS: WeightSetting[] = [
  { name: 'strength 0', strength: 0 },
  { name: 'strength 0.5', strength: 0.5 },
  { name: 'strength 1', strength: 1 },
  { name: 'strength 1.5', strength: 1.5 },
  { name: 'strength 2', strength: 2 },
  { name: 'active steps 0–0.5', activeSteps: { from: 0, to: 0.5 } },
  { name: 'active steps 0.5–1', activeSteps: { from: 0.5, to: 1 } },
];

declare global {
  interface Window {
    __blobWeightsBench?: { rows: { name: string; accuracy: number; perSeed: number[] }[]; seeds: number[]; steps: number } | { error: string };
  }
}

async function run(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const packUrl = params.get('pack') ?? '/models/blobgen-tiny-shapes/';
  const steps = Number(params.get('steps') ?? '20');
  const seeds = Array.from({ length: Number(params.get('seeds') ?? '4') }, (_, i) => 1000 + i);
  const client = new EngineClient();
  const description = await client.info(packUrl);
  const vocabulary = description.colours;
  if (!vocabulary) throw new Error(`${packUrl} has no colour vocabulary: fidelity cannot be measured.`);
  await client.load(packUrl, {});
  const rows = [];
  for (const setting of SETTINGS) {
    const layout: LayoutDocument = {
      ...LAYOUT,
      blobs: LAYOUT.blobs.map((blob) => ({
        ...blob,
        ...(setting.strength === undefined ? {} : { strength: setting.strength }),
        ...(setting.activeSteps ? { activeSteps: setting.activeSteps } : {}),
      })),
    };
    const perSeed: number[] = [];
    for (const seed of seeds) {
      const result = await client.generate(layout, { seed, steps });
      const fidelity = measureColourFidelity(result.image, LAYOUT, vocabulary);
      const measured = fidelity.flatMap((blob) => (blob.accuracy === null ? [] : [blob.accuracy]));
      perSeed.push(measured.reduce((sum, value) => sum + value, 0) / Math.max(1, measured.length));
    }
    rows.push({ name: setting.name, accuracy: perSeed.reduce((s, v) => s + v, 0) / perSeed.length, perSeed });
  }
  window.__blobWeightsBench = { rows, seeds, steps };
}

run().catch((error: unknown) => {
  window.__blobWeightsBench = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
});
