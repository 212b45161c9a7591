// Pack-store benchmark:  npx tsx bench/packStore.ts [--loops 30]
// 1. Warm load of the default pack from the pack store against the network (one run, ratio).
// 2. Resume loop: a real Range server (e2e/support/rangePackServer.ts) drops the connection at a
//    random point of the download, the download resumes; counts successes (hashes verified) and
//    the bytes re-fetched on resume against the bytes that were missing.
// 3. Precache size: a production build's service-worker precache (entries and bytes).
// Prints a table and writes bench/out/pack-store.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRangePackServer } from '../e2e/support/rangePackServer';
import { runtimeFilesOf, TINY_PACK_DIR } from '../e2e/support/modelManager';
// @ts-expect-error -- the shared JS session helper of the CLIs has no type declarations
import { openSession as openSessionUntyped, repoRoot as repoRootUntyped } from '../scripts/generate/session.mjs';

interface Session {
  page: import('playwright').Page;
  close(): Promise<void>;
}
const openSession = openSessionUntyped as (options: { path: string; ready: () => boolean }) => Promise<Session>;
const repoRoot = repoRootUntyped as string;

interface PackBench {
  clearStore(): Promise<void>;
  warmVsNetwork(packUrl: string): Promise<{ networkMs: number; firstUseMs: number; warmMs: number }>;
  download(baseUrl: string): Promise<{ ok: boolean; fetchedBytes: number; totalBytes: number; error: string }>;
  verifyCommitted(baseUrl: string): Promise<boolean>;
}
type BenchWindow = { __packBench: PackBench };

const { values } = parseArgs({ options: { loops: { type: 'string', default: '30' } } });
const loops = Number(values.loops);

function precacheFigures(): { entries: number; bytes: number; largest: string } {
  const out = mkdtempSync(join(tmpdir(), 'blobgen-precache-'));
  try {
    execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    const urls = [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? ''))];
    const sizes = urls.map((u) => ({ u, bytes: statSync(join(out, u)).size }));
    const largest = sizes.sort((a, b) => b.bytes - a.bytes)[0];
    return { entries: urls.length, bytes: sizes.reduce((s, x) => s + x.bytes, 0), largest: largest ? `${largest.u} (${largest.bytes} B)` : '' };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// First, before the dev server below sets NODE_ENV=development for this process and its children.
const precache = precacheFigures();
const server = await startRangePackServer(TINY_PACK_DIR);
const total = runtimeFilesOf(TINY_PACK_DIR).reduce((s, f) => s + f.bytes, 0);
const session = await openSession({ path: '/bench/packStore.html', ready: () => document.body.dataset.ready === 'yes' });
try {
  const page = session.page;
  const warm = await page.evaluate((url) => (window as unknown as BenchWindow).__packBench.warmVsNetwork(url), '/models/blobgen-tiny-shapes/');
  const baseUrl = `${server.origin}/`;
  let successes = 0;
  let exactResumes = 0;
  const rows: { drop: number; refetched: number; missing: number }[] = [];
  for (let i = 0; i < loops; i++) {
    await page.evaluate(() => (window as unknown as BenchWindow).__packBench.clearStore());
    const drop = Math.floor(total * (0.05 + (0.9 * i) / Math.max(1, loops - 1)));
    server.dropAfter(drop);
    server.log.length = 0;
    const first = await page.evaluate((u) => (window as unknown as BenchWindow).__packBench.download(u), baseUrl);
    const sentFirst = server.log.filter((r) => !r.path.endsWith('manifest.json')).reduce((s, r) => s + r.sentBytes, 0);
    server.log.length = 0;
    const second = await page.evaluate((u) => (window as unknown as BenchWindow).__packBench.download(u), baseUrl);
    const verified = await page.evaluate((u) => (window as unknown as BenchWindow).__packBench.verifyCommitted(u), baseUrl);
    const refetched = server.log.filter((r) => !r.path.endsWith('manifest.json')).reduce((s, r) => s + r.sentBytes, 0);
    if (!first.ok && second.ok && verified) successes++;
    // Bytes the first attempt stored = what it was sent, less what was lost in flight.
    if (refetched === total - sentFirst) exactResumes++;
    rows.push({ drop, refetched, missing: total - sentFirst });
  }
  const f = (ms: number) => ms.toFixed(0);
  console.log(`default pack: ${total} B in ${runtimeFilesOf(TINY_PACK_DIR).length} files (served over loopback by the Vite dev server)`);
  console.table({
    'network (into memory, no store)': { ms: f(warm.networkMs) },
    'first use (download into the store + read back)': { ms: f(warm.firstUseMs) },
    'warm (from the store, every hash re-checked)': { ms: f(warm.warmMs) },
  });
  console.log(`warm / network: ${(warm.warmMs / warm.networkMs).toFixed(2)} (network / warm ${(warm.networkMs / warm.warmMs).toFixed(2)}×)`);
  console.log(`resume loop: ${successes}/${loops} dropped downloads resumed and verified; re-fetched exactly the missing bytes in ${exactResumes}/${loops}`);
  const meanRefetch = rows.reduce((s, r) => s + r.refetched, 0) / rows.length;
  console.log(`bytes re-fetched on resume: mean ${meanRefetch.toFixed(0)} B of a ${total} B pack; largest excess over missing ${Math.max(...rows.map((r) => r.refetched - r.missing))} B`);
  console.log(`precache: ${precache.entries} entries, ${precache.bytes} B (${(precache.bytes / 2 ** 20).toFixed(2)} MiB); largest ${precache.largest}`);
  mkdirSync(join(repoRoot, 'bench', 'out'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'out', 'pack-store.json'), JSON.stringify({ total, warm, successes, exactResumes, loops, rows, precache }, null, 1));
} finally {
  await session.close();
  await server.close();
}
