// Editor drag benchmark:  node bench/editor-drag.mjs [--moves=200] [--no-build]
// Drags one blob of a 32-blob layout with real mouse input against the production build and
// prints per-move timings measured inside the page:
//   script = pointermove handler start → the canvas DOM updated (handlers + React render + commit)
//   frame  = pointermove event time → the next frame painted (what a person sees; includes the
//            wait for the next 60 Hz frame, so ~8 ms of it is vsync alignment on average)
import { startEditor, gridLayoutParam } from './editor-preview.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const moves = Number(args.moves ?? 200);
const BLOBS = 32;

const editor = await startEditor({ skipBuild: 'no-build' in args });
try {
  const page = await editor.browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${editor.baseUrl}?layout=${gridLayoutParam(BLOBS)}`);
  await page.getByTestId('canvas-blob').nth(BLOBS - 1).waitFor();
  const count = await page.getByTestId('canvas-blob').count();
  if (count !== BLOBS) throw new Error(`expected ${BLOBS} blobs, found ${count}`);

  // Instrument: one record per pointermove that reached the canvas.
  await page.evaluate(() => {
    const records = [];
    window.__dragRecords = records;
    let pending = null;
    // A MutationObserver callback runs as a microtask right after React commits to the DOM.
    new MutationObserver(() => {
      if (pending && Number.isNaN(pending.record.script)) pending.record.script = performance.now() - pending.start;
    }).observe(document.querySelector('[data-testid="editor-canvas"]'), { attributes: true, subtree: true, childList: true });
    window.addEventListener(
      'pointermove',
      (event) => {
        if (event.buttons === 0) return;
        const start = performance.now();
        const record = { script: NaN, frame: NaN };
        pending = { record, start };
        requestAnimationFrame(() => {
          // The task after the rAF callback runs once that frame's style, layout and paint are done.
          setTimeout(() => {
            record.frame = performance.now() - event.timeStamp;
            records.push(record);
          }, 0);
        });
      },
      { capture: true },
    );
  });

  const toScreen = (x, y) =>
    page.getByTestId('editor-canvas').evaluate((svg, p) => {
      const point = new DOMPoint(p.x * 1000, p.y * 1000).matrixTransform(svg.getScreenCTM());
      return { x: point.x, y: point.y };
    }, { x, y });

  // The middle blob of the grid: its centre, dragged around a circle and back.
  const blob = page.getByTestId('canvas-blob').nth(Math.floor(BLOBS / 2));
  const id = await blob.getAttribute('data-blob-id');
  const centre = await blob.locator('.blob-body').evaluate((node) => {
    const box = node.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  const radius = (await toScreen(0.2, 0)).x - (await toScreen(0, 0)).x;
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) {
    const angle = (2 * Math.PI * i) / moves;
    await page.mouse.move(centre.x + radius * Math.sin(angle), centre.y + radius * (1 - Math.cos(angle)) * 0.5);
    await page.waitForFunction((n) => window.__dragRecords.length >= n, i, { polling: 'raf' });
  }
  await page.mouse.up();

  const records = await page.evaluate(() => window.__dragRecords);
  // The whole drag must be one undo step: one Ctrl+Z puts the blob back where it started.
  await page.keyboard.press('Control+z');
  const restored = await blob.locator('.blob-body').evaluate((node) => {
    const box = node.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  const oneUndoStep = Math.hypot(restored.x - centre.x, restored.y - centre.y) < 1 && (await page.getByTestId('canvas-blob').count()) === BLOBS;
  const quantile = (values, q) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  };
  const summary = (values) => ({
    median: +quantile(values, 0.5).toFixed(2),
    p95: +quantile(values, 0.95).toFixed(2),
    max: +Math.max(...values).toFixed(2),
  });
  console.log(`\nEditor drag: one blob (${id}) of ${BLOBS}, ${records.length} pointer moves, production build, headless Chromium`);
  console.table({
    'script per move (ms)': summary(records.map((r) => r.script).filter(Number.isFinite)),
    'input → painted frame (ms)': summary(records.map((r) => r.frame)),
  });
  console.log(`whole drag undone by one Ctrl+Z: ${oneUndoStep ? 'yes' : 'NO'}`);
  const { loadavg, cpus } = await import('node:os');
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} (background work inflates the tail)`);
} finally {
  await editor.close();
}
