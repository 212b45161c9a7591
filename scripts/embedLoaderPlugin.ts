/**
 * Builds the embed loader (src/embed/loader/index.ts) as ONE classic script with a stable name,
 * `embed.js` at the root of the build, so host pages can use a plain `<script src>` (no module,
 * no hashed chunk names, no shared chunks with the app). It runs as its own small Vite build
 * after the app's bundle is written, and before the service worker is generated (writeBundle
 * precedes vite-plugin-pwa's closeBundle), so the precache lists it. The dev server builds it on
 * request.
 */
import { resolve } from 'node:path';
import { build, type InlineConfig, type Plugin } from 'vite';

export const EMBED_LOADER_FILE = 'embed.js';

function loaderConfig(root: string, outDir: string, write: boolean): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      write,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      lib: { entry: resolve(root, 'src/embed/loader/index.ts'), formats: ['iife'], name: 'BlobGenEmbedLoader', fileName: () => EMBED_LOADER_FILE },
    },
  };
}

function codeOf(output: unknown): string {
  const outputs = Array.isArray(output) ? output : [output];
  for (const result of outputs as { output?: { type: string; code?: string }[] }[]) {
    const chunk = result.output?.find((item) => item.type === 'chunk');
    if (chunk?.code) return chunk.code;
  }
  throw new Error('the embed loader build produced no script');
}

export function embedLoaderPlugin(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  return {
    name: 'blobgen-embed-loader',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      await build(loaderConfig(root, outDir, true));
    },
    configureServer(server) {
      server.middlewares.use(`/${EMBED_LOADER_FILE}`, (_req, res, next) => {
        build(loaderConfig(root, outDir, false)).then(
          (output) => {
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.end(codeOf(output));
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}
