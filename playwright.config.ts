import { defineConfig } from '@playwright/test';
import { resolveChromiumPath, chromiumArgs } from './scripts/chromium-path.mjs';
import { ALLOWED_HOST_ORIGIN } from './e2e/support/embedHostOrigin';

// BLOBGEN_E2E_PORT lets several checkouts or sessions run e2e side by side: each gets its own
// port and its own build folder, so one run never tests another's build.
const port = Number(process.env.BLOBGEN_E2E_PORT ?? 4173);
const outDir = process.env.BLOBGEN_E2E_PORT ? `dist-e2e-${port}` : 'dist';

// e2e runs against the production build served locally, as a user would get it.
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.BLOBGEN_E2E_PORT ? `test-results-${port}` : 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 860 },
    launchOptions: { executablePath: resolveChromiumPath(), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite build --outDir ${outDir} && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    // The embed widget's build-time allowlist: the embed specs' host page origin only (e2e/support/embedHostOrigin.ts).
    env: { VITE_EMBED_ORIGINS: ALLOWED_HOST_ORIGIN },
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
  },
});
