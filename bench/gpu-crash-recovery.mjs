// GPU-crash recovery benchmark (issue #20 §1):  node bench/gpu-crash-recovery.mjs [--rounds=20] [--steps=6] [--no-build] [--seed=1]
// Against the production build with the default pack: each round clicks Generate, crashes the
// GPU process at a random step (CDP Browser.crashGpuProcess, from browser.newBrowserCDPSession()),
// then clicks Generate once more. A round recovers when that one Generate yields an image, with no
// uncaught error on the page or in the inference worker. Prints the count (goal: 20/20).
import { startEditor, gridLayoutParam } from './editor-preview.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const rounds = Number(args.rounds ?? 20);
const steps = Number(args.steps ?? 6);
let seed = Number(args.seed ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
const GENERATION_MS = 300_000;

// Chromium protects itself from a GPU process that keeps crashing: it stops restarting it, and it
// blocks a site that was using WebGPU during repeated crashes from WebGPU/WebGL (requestAdapter
// then answers null, which the app reports as "no GPU adapter"). This benchmark crashes the GPU
// process on purpose to test the app's recovery, so both policies are lifted for its browser.
const editor = await startEditor({
  skipBuild: 'no-build' in args,
  port: Number(args.port ?? 4184),
  extraArgs: ['--disable-gpu-process-crash-limit', '--disable-domain-blocking-for-3d-apis'],
});
const results = [];
try {
  const context = await editor.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Unhandled|Uncaught|getCompilationInfo/.test(message.text())) uncaught.push(`console: ${message.text()}`);
  });
  await page.goto(`${editor.baseUrl}?layout=${gridLayoutParam(3, (i) => ['a red blob', 'a blue oval', 'a green shape'][i])}`);
  await page.getByTestId('steps-input').fill(String(steps));
  const progressStep = () => page.evaluate(() => Number(document.querySelector('[data-testid="generate-progress-bar"]')?.getAttribute('value') ?? 0));
  const gallery = () => page.getByTestId('gallery-item').count();
  // Counts runs that ended (the progress bar appeared, then went), however briefly it showed.
  await page.evaluate(() => {
    window.__runsEnded = 0;
    let shown = false;
    new MutationObserver(() => {
      const now = document.querySelector('[data-testid="generate-progress"]') !== null;
      if (shown && !now) window.__runsEnded++;
      shown = now;
    }).observe(document.body, { subtree: true, childList: true });
  });
  const runsEnded = () => page.evaluate(() => window.__runsEnded);
  let ended = 0;
  /** Clicks Generate; `idle()` then waits until that run is over. */
  const generate = async () => {
    ended = await runsEnded();
    await page.getByTestId('generate-button').click();
  };
  const idle = () => page.waitForFunction((before) => window.__runsEnded > before, ended, { timeout: GENERATION_MS, polling: 50 });

  for (let round = 1; round <= rounds; round++) {
    const errorsBefore = uncaught.length;
    const crashAt = 1 + Math.floor(random() * (steps - 1)); // a random sampling step
    await generate();
    const started = Date.now();
    while ((await progressStep()) < crashAt && Date.now() - started < GENERATION_MS) {
      if ((await page.getByTestId('generate-progress').count()) === 0) break; // the run ended first
      await page.waitForTimeout(20);
    }
    const cdp = await editor.browser.newBrowserCDPSession();
    await cdp.send('Browser.crashGpuProcess');
    await cdp.detach();
    await idle();
    const lostShown = (await page.getByTestId('engine-lost').count()) > 0;
    const imagesBefore = await gallery();
    const t0 = Date.now();
    await generate();
    await idle();
    const messages = page.locator('[data-testid="run-outcome"], [data-testid="engine-error"], [data-testid="engine-lost"]');
    // Recovered: this one Generate added an image to the gallery and reported no failure.
    const image = (await messages.count()) === 0 && (await gallery()) === imagesBefore + 1;
    const clean = uncaught.length === errorsBefore;
    results.push({ round, crashAt, lostShown, recovered: image && clean, recoveryMs: Date.now() - t0 });
    const outcome = (await messages.allInnerTexts()).join(' / ');
    console.log(`round ${round}: crash at step ${crashAt}; lost shown ${lostShown}; ${outcome ? `outcome "${outcome}"; ` : ''}`+ ` next Generate ${image ? 'gave an image' : 'failed'} in ${Date.now() - t0} ms${clean ? '' : `; uncaught: ${uncaught.slice(errorsBefore).join(' | ')}`}`);
  }
  const recovered = results.filter((r) => r.recovered).length;
  console.table(results);
  console.log(`recovered ${recovered}/${rounds} GPU process crashes (crash at a random step of ${steps}); median recovery ${results.map((r) => r.recoveryMs).sort((x, y) => x - y)[Math.floor(results.length / 2)]} ms`);
  if (recovered !== rounds) process.exitCode = 1;
} finally {
  await editor.close();
}
