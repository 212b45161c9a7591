import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// WGSL is imported as text (`?raw`) so kernels live in shaders/*.wgsl, not in TS strings.
export default defineConfig({
  plugins: [react()],
  assetsInclude: ['**/*.onnx'],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
