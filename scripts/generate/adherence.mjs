#!/usr/bin/env node
// End-to-end adherence check through the generate CLI's browser session:
//   node scripts/generate/adherence.mjs [--n 32] [--pack folder-or-url] [--steps 20] [--out dir] [--min 0.85]
// Writes held-out layouts (training/evaluate.py's scenes), generates each in headless Chromium with
// the app's worker (seed = the scene's evaluation seed), scores the PNGs with training/'s metric
// and exits non-zero when per-blob colour accuracy is below --min.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodePng } from './png.mjs';
import { openSession, repoRoot } from './session.mjs';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '32' }, pack: { type: 'string' }, steps: { type: 'string' }, out: { type: 'string' }, min: { type: 'string', default: '0.85' } },
});
const out = values.out ?? mkdtempSync(join(tmpdir(), 'blobgen-adherence-'));
const python = process.env.BLOBGEN_PYTHON ?? '/usr/bin/python3';
execFileSync(python, [join(repoRoot, 'scripts/generate/adherence_layouts.py'), out, values.n], { stdio: 'inherit' });
const scenes = JSON.parse(readFileSync(join(out, 'scenes.json'), 'utf8'));
const session = await openSession({ pack: values.pack });
const started = performance.now();
try {
  const info = await session.page.evaluate((url) => window.__blobgen.load(url), session.packUrl);
  console.log(`pack ${info.name} ${info.version} on ${info.device}, ORT ${info.ortBackend}; ${scenes.length} held-out layouts → ${out}`);
  for (const scene of scenes) {
    const parsed = await session.page.evaluate((text) => window.__blobgen.parseLayout(text), readFileSync(join(out, scene.file), 'utf8'));
    if (!parsed.ok) throw new Error(`${scene.file}: ${parsed.errors.join('; ')}`);
    const options = { seed: scene.seed, ...(values.steps ? { steps: Number(values.steps) } : {}) };
    const r = await session.page.evaluate(([layout, opts]) => window.__blobgen.generate(layout, opts), [parsed.layout, options]);
    writeFileSync(join(out, scene.png), encodePng(r.width, r.height, Buffer.from(r.rgbaBase64, 'base64')));
  }
} finally {
  await session.close();
}
const metrics = JSON.parse(execFileSync(python, [join(repoRoot, 'scripts/generate/adherence_score.py'), out], { encoding: 'utf8' }));
const seconds = (performance.now() - started) / 1000;
console.log(`per-blob colour accuracy ${metrics.colour.toFixed(3)} over ${metrics.blobs} blobs (blobs > 50 % correct: ${metrics.colour_blobs_gt50.toFixed(3)}), background ${metrics.background.toFixed(3)}, mIoU ${metrics.miou.toFixed(3)}; ${seconds.toFixed(0)} s`);
writeFileSync(join(out, 'metrics.json'), JSON.stringify({ ...metrics, layouts: scenes.length, seconds }, null, 1));
const min = Number(values.min);
if (!(metrics.colour >= min)) {
  console.error(`FAIL: colour accuracy ${metrics.colour.toFixed(3)} < ${min}`);
  process.exit(1);
}
console.log(`PASS: colour accuracy ≥ ${min}`);
