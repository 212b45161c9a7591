#!/usr/bin/env node
// npm run generate -- --layout layout.json --seed 7 --steps 20 --out out.png [--pack path-or-url] [--guidance 3]
//   [--negative "text"] [--sampler name] [--ort-backend auto|webgpu|wasm] [--no-profile] [--json timings.json]
// Drives the app's own inference worker in headless Chromium (WebGPU), writes a PNG at the pack's
// native resolution and prints a timing breakdown.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodePng } from './generate/png.mjs';
import { openSession } from './generate/session.mjs';

const { values } = parseArgs({
  options: {
    layout: { type: 'string', multiple: true },
    out: { type: 'string', multiple: true },
    seed: { type: 'string', default: '0' },
    steps: { type: 'string' },
    guidance: { type: 'string' },
    sampler: { type: 'string' },
    negative: { type: 'string' },
    pack: { type: 'string' },
    'ort-backend': { type: 'string', default: 'auto' },
    'no-profile': { type: 'boolean', default: false },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const usage = 'usage: npm run generate -- --layout layout.json --seed 7 --steps 20 --out out.png [--pack folder-or-url] [--guidance 3] [--negative "text"] [--sampler name (the pack lists its samplers)] [--ort-backend auto|webgpu|wasm] [--no-profile] [--json timings.json]\n(--layout/--out may repeat, pairwise, to generate several images in one browser session)';
if (values.help || !values.layout?.length || !values.out?.length || values.layout.length !== values.out.length) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const number = (name, text, integer) => {
  const v = Number(text);
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    console.error(`--${name} must be ${integer ? 'an integer' : 'a number'}, got ${text}`);
    process.exit(2);
  }
  return v;
};
const options = {
  seed: number('seed', values.seed, true),
  ...(values.steps ? { steps: number('steps', values.steps, true) } : {}),
  ...(values.guidance ? { guidance: number('guidance', values.guidance, false) } : {}),
  ...(values.sampler ? { sampler: values.sampler } : {}),
  ...(values.negative !== undefined ? { negativeCaption: values.negative } : {}),
  profile: !values['no-profile'],
};

const ms = (v) => `${v.toFixed(0).padStart(7)} ms`;
const t0 = performance.now();
const session = await openSession({ pack: values.pack, log: values.verbose ? (m) => console.error(m) : () => {} });
const report = [];
let exitCode = 0;
try {
  const startup = performance.now() - t0;
  const loadStart = performance.now();
  const info = await session.page.evaluate(([url, ortBackend]) => window.__blobgen.load(url, { ortBackend }), [session.packUrl, values['ort-backend']]);
  const loadMs = performance.now() - loadStart;
  console.log(`pack ${info.name} ${info.version} (${info.image.width}×${info.image.height}) on ${info.device}${info.softwareGpu ? ' [software]' : ''}, ORT backend ${info.ortBackend}`);
  if (values.negative !== undefined && !info.conditioning?.negativeCaption) console.warn(`note: the pack ${info.name} has no negative caption; --negative is ignored`);
  console.log(`browser + dev server start ${ms(startup)}\nload (download, verify, compile) ${ms(loadMs)}`);
  for (const [i, layoutPath] of values.layout.entries()) {
    const parsed = await session.page.evaluate((text) => window.__blobgen.parseLayout(text), readFileSync(layoutPath, 'utf8'));
    if (!parsed.ok) throw new Error(`${layoutPath} is not a valid Layout JSON v1 file:\n  ${parsed.errors.join('\n  ')}`);
    for (const w of parsed.warnings) console.warn(`${layoutPath}: ${w}`);
    const r = await session.page.evaluate(([layout, opts]) => window.__blobgen.generate(layout, opts), [parsed.layout, options]);
    const out = values.out[i];
    writeFileSync(out, encodePng(r.width, r.height, Buffer.from(r.rgbaBase64, 'base64')));
    const t = r.timings;
    const steps = t.stepMs.length;
    console.log(`\n${out}: ${r.width}×${r.height}, ${r.blobCount} blobs, ${r.steps} ${r.sampler} steps, guidance ${r.guidance}, seed ${options.seed}`);
    for (const tr of r.truncated) console.log(`  note: segment ${tr.segment} needed ${tr.needed} tokens, kept ${tr.kept} (truncated)`);
    if (t.profiled) {
      console.log(`  text (tokenise, encoder, K/V prelude) ${ms(t.textMs)}`);
      console.log(`  masks                                 ${ms(t.masksMs)}`);
      console.log(`  UNet segments (ORT)                   ${ms(t.unetSegmentsMs)}  (${(t.unetSegmentsMs / steps).toFixed(1)} ms/step)`);
      console.log(`  attention kernels (ours)              ${ms(t.attentionMs)}  (${(t.attentionMs / steps).toFixed(1)} ms/step)`);
      console.log(`  CFG + scheduler step kernel (ours)    ${ms(t.stepKernelMs)}`);
      console.log(`  decode                                ${ms(t.decodeMs)}`);
    }
    const stepTotal = t.stepMs.reduce((a, b) => a + b, 0);
    console.log(`  sampling ${ms(stepTotal)} (${(stepTotal / steps).toFixed(1)} ms/step), generation total ${ms(t.totalMs)}, peak GPU buffers ${(r.peakGpuBytes / 2 ** 20).toFixed(1)} MiB`);
    report.push({ layout: layoutPath, out, loadMs, ...r, rgbaBase64: undefined });
  }
} catch (error) {
  console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await session.close();
}
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1));
process.exit(exitCode);
