import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { blobgenPlugin } from './scripts/eslint-rules/importBoundaries.js';

/**
 * Who may import what. Pure modules run anywhere (Node tests, worker, UI) and import no React,
 * ONNX Runtime or WebGPU code; one module owns ONNX Runtime; the editor and the studio are
 * mounted side by side by the app shell and never import each other.
 */
export const importBoundaryPolicy = {
  pure: {
    // The embed wire protocol and loader script are held to the same imports (zod and pure
    // modules only): the loader is a small classic script for other sites, with no React in it.
    files: ['src/layout/**', 'src/engine/**', 'src/png/**', 'src/reference/**', 'src/util/**', 'src/embed/protocol/**', 'src/embed/loader/**'],
    packages: ['zod', 'crc-32', '@huggingface/tokenizers'],
    // Tests and test-data builders of pure modules also use the test tools and Node built-ins.
    testFiles: ['**/*.test.ts', '**/*.fixture.ts', 'src/layout/layoutArbitraries.ts'],
    testPackages: ['vitest', 'fast-check', 'node:*'],
  },
  ort: {
    package: 'onnxruntime-web',
    files: [
      'src/runtime/ortGraph.ts',
      // Tests and benchmarks that measure ONNX Runtime itself next to our kernels.
      'src/gpu/**/*.browser.test.ts',
      'bench/**',
    ],
  },
  apart: [['src/editor', 'src/studio']],
};

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e-*', 'node_modules', 'public', 'training', 'test-results', 'test-results-*', 'playwright-report', 'bench/out'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs}', 'scripts/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The layout assistant's core (docs/llm-layouts.md) runs in the page and in the `npm run layout`
    // CLI: fetch, zod, eventsource-parser and the pure layout modules only; its UI state lives in src/editor/llm.
    files: ['src/llm/**/*.ts'],
    ignores: ['src/llm/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:react|react-dom|zustand|zundo|immer|onnxruntime-web)(?:/|$)|(?:^|/)(?:editor|studio|store|worker|runtime|gpu|shell)(?:/|$)',
              message: 'src/llm imports only fetch, zod, eventsource-parser and pure modules (docs/llm-layouts.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // The layering of docs/architecture.md ("Import rules"), checked at any depth by a local rule
    // that resolves every import against the importing file (scripts/eslint-rules/). Tested by
    // scripts/eslint-rules/importBoundaries.test.ts, which plants one violation of each kind.
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { blobgen: blobgenPlugin },
    rules: {
      'blobgen/import-boundaries': ['error', importBoundaryPolicy],
    },
  },
);
