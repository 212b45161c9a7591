// Engine benchmark:  node bench/engine.mjs [--pack folder-or-url] [--steps 20] [--backend auto|webgpu|wasm]
// One browser page, one GPUDevice: default-settings generation wall time (cold and warm), per-step
// split (ORT segments / our kernels / orchestration), segmented vs monolithic UNet ratio, peak GPU
// buffer bytes. Prints a table and writes bench/out/engine-<backend>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSession, repoRoot } from '../scripts/generate/session.mjs';

const { values } = parseArgs({ options: { pack: { type: 'string' }, steps: { type: 'string', default: '20' }, backend: { type: 'string', default: 'auto' } } });
let pack = values.pack;
const session = await openSession({ pack, path: '/bench/engine.html?placeholder', ready: () => true });
try {
  const q = new URLSearchParams({ pack: session.packUrl.startsWith('/__pack/') ? session.packUrl : session.packUrl, steps: values.steps, backend: values.backend });
  await session.page.goto(`${session.origin}/bench/engine.html?${q}`);
  await session.page.waitForFunction(() => window.__engineBench, null, { timeout: 30 * 60_000, polling: 1000 });
  const r = await session.page.evaluate(() => window.__engineBench);
  if (r.error) throw new Error(r.error);
  const f = (v) => v.toFixed(1);
  console.log(`adapter: ${r.adapter}${r.softwareAdapter ? ' (software)' : ''}; ORT backend: ${r.ortBackend}; ${r.steps} steps`);
  console.log(`default generation wall time: cold ${f(r.coldGenerationMs / 1000)} s, warm ${f(r.warmGenerationMs / 1000)} s (budget 60 s)`);
  console.table({
    'per step (profiled)': { ms: f(r.profiledStepMs.wall) },
    '  ORT UNet segments': { ms: f(r.profiledStepMs.ortSegments) },
    '  our kernels (attention + CFG/step)': { ms: f(r.profiledStepMs.ourKernels) },
    '  orchestration (rest)': { ms: f(r.profiledStepMs.orchestration) },
    'monolithic UNet forward (same backend)': { ms: f(r.monolithicForwardMs) },
  });
  console.log(`segmented / monolithic per step: ${r.segmentedOverMonolithic.toFixed(2)} (target ≤ 1.15)`);
  console.log(`text ${f(r.stagesMs.text)} ms, masks ${f(r.stagesMs.masks)} ms, decode ${f(r.stagesMs.decode)} ms; peak GPU buffers ${(r.peakGpuBytes / 2 ** 20).toFixed(2)} MiB`);
  mkdirSync(join(repoRoot, 'bench', 'out'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'out', `engine-${r.ortBackend}.json`), JSON.stringify(r, null, 1));
} finally {
  await session.close();
}
