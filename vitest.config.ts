import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import react from '@vitejs/plugin-react';
import { resolveChromiumPath, chromiumArgs } from './scripts/chromium-path.mjs';

// Two layers: fast Node unit tests, and browser tests in real Chromium with WebGPU
// (files named *.browser.test.ts[x]).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/*.browser.test.tsx', 'node_modules/**'],
        },
      },
      {
        plugins: [react()],
        assetsInclude: ['**/*.onnx'],
        // Pre-bundle ORT so Vite does not reload the page mid-run when the first test imports it.
        optimizeDeps: { include: ['onnxruntime-web/webgpu'] },
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts', 'src/**/*.browser.test.tsx'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: resolveChromiumPath(), args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
