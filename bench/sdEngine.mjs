// SD engine benchmark:
//   node bench/sdEngine.mjs [--pack test-packs/sd1-tiny/] [--blobs 0,4,16] [--steps 4] [--rounds 2] [--backend auto|webgpu|wasm] [--sampler name]
// One browser page, one engine, one GPUDevice (bench/sdEngine.page.ts): per-step time with each
// blob count side by side, the profiled split, the per-region comparison ((K+1) UNet passes per
// step), and segmented ÷ monolithic when the pack lists `unet.monolithic` (export it with
// `python -m sdexport ... --benchmark-monolithic`, outside the repository). Prints tables and
// writes bench/out/sd-engine-<pack>-<backend>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSession, repoRoot } from '../scripts/generate/session.mjs';

const { values } = parseArgs({
  options: {
    pack: { type: 'string', default: 'test-packs/sd1-tiny/' },
    blobs: { type: 'string', default: '0,4,16' },
    steps: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    backend: { type: 'string', default: 'auto' },
    sampler: { type: 'string' },
  },
});
const blobCounts = values.blobs.split(',').map(Number);
if (blobCounts[0] !== 0 || blobCounts.some((k) => !Number.isInteger(k) || k < 0)) throw new Error('--blobs: comma-separated blob counts starting with 0 (the reference row), e.g. 0,4,16');
const started = Date.now();
const session = await openSession({ pack: values.pack, path: '/bench/sdEngine.html?placeholder', ready: () => true, log: (line) => console.error(line) });
try {
  const q = new URLSearchParams({ pack: session.packUrl, steps: values.steps, rounds: values.rounds, backend: values.backend, blobs: blobCounts.join(','), ...(values.sampler ? { sampler: values.sampler } : {}) });
  await session.page.goto(`${session.origin}/bench/sdEngine.html?${q}`);
  await session.page.waitForFunction(() => window.__sdEngineBench, null, { timeout: 30 * 60_000, polling: 1000 });
  const r = await session.page.evaluate(() => window.__sdEngineBench);
  if (r.error) throw new Error(r.error);
  const f = (v) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const x = (v) => `${v.toFixed(2)}×`;
  console.log(`pack ${r.pack}; adapter: ${r.adapter}${r.softwareAdapter ? ' (software)' : ''}; ORT backend: ${r.ortBackend}; sampler ${r.sampler}`);
  console.log(`sites: ${r.sites.join(', ')}; ${r.rounds} rounds × ${r.steps} steps per blob count, after one 2-step warm-up each`);
  const zero = r.rows[0];
  // A per-region method runs the UNet once per region prompt (caption + K blobs) each step:
  // (K+1) × the 0-blob UNet (ORT segments + attention, profiled).
  const unetAtZero = zero.profiled.unetSegmentsMs + zero.profiled.attentionMs;
  const table = {};
  for (const row of r.rows) {
    const perRegion = (row.blobs + 1) * unetAtZero;
    const ours = row.profiled.unetSegmentsMs + row.profiled.attentionMs;
    table[`${row.blobs} blobs`] = {
      'keys/item': row.keysPerItem,
      'ms/step (median)': f(row.stepMsMedian),
      '÷ 0 blobs': x(row.stepMsMedian / zero.stepMsMedian),
      'profiled ms/step': f(row.profiled.stepMs),
      'ORT segments': f(row.profiled.unetSegmentsMs),
      'attention kernel': f(row.profiled.attentionMs),
      'attn ÷ 0 blobs': x(row.profiled.attentionMs / zero.profiled.attentionMs),
      'CFG+step': f(row.profiled.stepKernelMs),
      'UNet (seg+attn)': f(ours),
      'per-region (K+1)×UNet₀': f(perRegion),
      'per-region ÷ ours': x(perRegion / ours),
      'masks (once/image)': f(row.profiled.masksMs),
    };
  }
  console.table(table);
  if (r.monolithic) {
    const mono = {};
    for (const row of r.rows) {
      mono[`${row.blobs} blobs`] = {
        'segmented ms/step (median)': f(row.stepMsMedian),
        'monolithic ms/forward (median)': f(row.monolithicForwardMs),
        'segmented ÷ monolithic': x(row.stepMsMedian / row.monolithicForwardMs),
        'mono ÷ mono at 0 blobs': x(row.monolithicForwardMs / zero.monolithicForwardMs),
      };
    }
    console.log(`monolithic graph ${r.monolithic.file}: ${r.monolithic.forwardsPerCount} forwards per blob count, the first (new key count) left out of the median`);
    console.table(mono);
  } else {
    console.log('no unet.monolithic in this pack: export one with `python -m sdexport ... --benchmark-monolithic` (outside the repo) for segmented ÷ monolithic');
  }
  console.log(`wall time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  mkdirSync(join(repoRoot, 'bench', 'out'), { recursive: true });
  const out = join(repoRoot, 'bench', 'out', `sd-engine-${r.pack}-${r.ortBackend}.json`);
  writeFileSync(out, JSON.stringify(r, null, 1));
  console.log(`-> ${out}`);
} finally {
  await session.close();
}
