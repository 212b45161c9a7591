// One place decides which Chromium the tests drive, so vitest, Playwright and the CLI agree.
// Order: $BLOBGEN_CHROMIUM, then a Playwright-managed browser if one is installed, then Debian's.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

export function resolveChromiumPath() {
  const fromEnv = process.env.BLOBGEN_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`BLOBGEN_CHROMIUM=${fromEnv} does not exist`);
    return fromEnv;
  }
  try {
    const managed = chromium.executablePath();
    if (managed && existsSync(managed)) return managed;
  } catch {
    // Playwright has no managed browser here; fall through to the system one.
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(
    'No Chromium found. Set BLOBGEN_CHROMIUM, run `npx playwright install chromium`, or `apt-get install chromium`.',
  );
}

// Flags measured to give a WebGPU adapter (SwiftShader) in headless Chromium without hanging;
// see docs/architecture.md §11. Never add Vulkan/ANGLE flags here.
export const chromiumArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
