import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/pwa/pwaOptions';
import { embedLoaderPlugin } from './scripts/embedLoaderPlugin';

// WGSL is imported as text (`?raw`) so kernels live in shaders/*.wgsl, not in TS strings.
export default defineConfig({
  plugins: [react(), embedLoaderPlugin(), VitePWA(pwaOptions)],
  assetsInclude: ['**/*.onnx'],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Two pages: the app and the embeddable widget (docs/embed.md). The loader script /embed.js
    // is its own classic-script build (scripts/embedLoaderPlugin.ts), not an entry here.
    rollupOptions: { input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), embed: fileURLToPath(new URL('./embed.html', import.meta.url)) } },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
