// Blob weights benchmark:  node bench/blobWeights.mjs [--pack folder-or-url] [--steps 20] [--seeds 4]
// The measured effect of per-blob strength (0, 0.5, 1, 1.5, 2) and active steps (0–0.5 against
// 0.5–1) on colour fidelity (the app's readout) with the default pack: one page, one engine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSession, repoRoot } from '../scripts/generate/session.mjs';

const { values } = parseArgs({ options: { pack: { type: 'string' }, steps: { type: 'string', default: '20' }, seeds: { type: 'string', default: '4' } } });
const session = await openSession({ pack: values.pack, path: '/bench/blobWeights.html?placeholder', ready: () => true });
try {
  const q = new URLSearchParams({ pack: session.packUrl, steps: values.steps, seeds: values.seeds });
  await session.page.goto(`${session.origin}/bench/blobWeights.html?${q}`);
  await session.page.waitForFunction(() => window.__blobWeightsBench, null, { timeout: 30 * 60_000, polling: 1000 });
  const r = await session.page.evaluate(() => window.__blobWeightsBench);
  if (r.error) throw new Error(r.error);
  console.log(`${r.steps} steps, seeds ${r.seeds.join(', ')}; mean per-blob colour accuracy (3 blobs, every blob given the setting)`);
  console.table(Object.fromEntries(r.rows.map((row) => [row.name, { accuracy: row.accuracy.toFixed(3), 'per seed': row.perSeed.map((v) => v.toFixed(2)).join(' ') }])));
  mkdirSync(join(repoRoot, 'bench', 'out'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'out', 'blob-weights.json'), JSON.stringify(r, null, 1));
} finally {
  await session.close();
}
