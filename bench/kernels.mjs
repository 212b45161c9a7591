// Kernel benchmark, one browser run:  node bench/kernels.mjs [--no-sd | --sd-sites] [--iterations=2] [--ort-log[=0]]
// Serves bench/kernels.html with Vite, drives it in Chromium (WebGPU) with Playwright and prints
// the fused vs ORT MultiHeadAttention vs naive attention table and the mask rasteriser's
// throughput. See bench/README.md.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, resolveChromiumPath } from '../scripts/chromium-path.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const query = new URLSearchParams();
for (const arg of process.argv.slice(2)) {
  if (arg === '--no-sd') query.set('sd', '0');
  else if (arg === '--sd-sites') query.set('sites', 'sd');
  else if (arg.startsWith('--iterations=')) query.set('iterations', arg.split('=')[1]);
  else if (arg === '--ort-log' || arg.startsWith('--ort-log=')) query.set('ort-log', arg.split('=')[1] ?? '0');
  else throw new Error(`Unknown argument ${arg}; expected --no-sd, --sd-sites, --iterations=<scale> or --ort-log[=<severity 0-4>]`);
}

// configFile: false keeps the app's plugins (PWA, React) out of a page that needs none of them.
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'warn',
  server: { host: '127.0.0.1', port: 0 },
  optimizeDeps: { include: ['onnxruntime-web/webgpu'] },
});
await server.listen();
const url = `${server.resolvedUrls.local[0]}bench/kernels.html?${query}`;
const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: chromiumArgs, headless: true });
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    // ORT's verbose log (--ort-log) arrives as warnings/info too.
    if (message.type() === 'log' || message.type() === 'error' || query.has('ort-log')) console.log(`[page] ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__kernelBench, null, { timeout: 30 * 60_000, polling: 1000 });
  const result = await page.evaluate(() => window.__kernelBench);
  if (result.error) throw new Error(result.error);
  console.log(`\nadapter: ${result.adapter}; device features: ${result.features.join(', ') || 'none'}`);
  console.table(
    result.attention.map((row) => ({
      shape: row.name,
      'ORT MHA ms': row.mhaError ? `failed: ${row.mhaError}` : +row.mhaMs.toFixed(2),
      'naive ORT ms': +row.naiveMs.toFixed(2),
      'fused direct ms': +row.fusedMs.direct.toFixed(2),
      'fused tiled ms': +row.fusedMs.tiled.toFixed(2),
      'MHA / fused': row.mhaError ? '—' : `${row.mhaRatio.toFixed(2)}×`,
      [`naive / fused`]: `${row.ratio.toFixed(2)}× (${row.preferred})`,
      'max |fused−MHA|': row.mhaError ? '—' : row.mhaMaxAbsDiff.toExponential(1),
      'max |fused−naive|': row.maxAbsDiff.toExponential(1),
    })),
  );
  if (result.masks.length) console.table(result.masks.map((row) => ({ masks: row.name, cells: row.cells, ms: +row.ms.toFixed(2), 'M cells/s': +(row.cellsPerSecond / 1e6).toFixed(2) })));
  // Timings of outputs that disagree mean nothing: fail the run (after printing everything).
  const agreementTolerance = 1e-4;
  const disagreeing = result.attention.filter(
    (row) => row.mhaError || !(row.maxAbsDiff <= agreementTolerance) || !(row.mhaMaxAbsDiff <= agreementTolerance),
  );
  for (const row of disagreeing) {
    console.error(`${row.name}: ${row.mhaError ? `ORT MultiHeadAttention failed (${row.mhaError})` : `fused output disagrees with ORT (max |fused−MHA| ${row.mhaMaxAbsDiff}, |fused−naive| ${row.maxAbsDiff}; tolerance ${agreementTolerance})`}`);
  }
  if (disagreeing.length) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
