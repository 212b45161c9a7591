/**
 * The service worker and web manifest (vite-plugin-pwa, Workbox generateSW). Why each choice is
 * made: docs/pwa.md. In short:
 * - `registerType: 'prompt'` + `injectRegister: false`: src/pwa/registerServiceWorker.ts registers
 *   it and the update bar asks before a new version takes over; nothing reloads on its own.
 * - The precache holds the app shell (HTML pages, JS, CSS, icons) and ORT's .wasm/.mjs, never model
 *   files: packs live in their own verified, resumable store (src/runtime/packStore/).
 * - Navigations are network-first (a deploy is seen at once when online), falling back to the
 *   cached page; `embed.html` falls back to itself, never to the app's index.html.
 */
import type { VitePWAOptions } from 'vite-plugin-pwa';

/** ORT's asyncify .wasm is ~27 MB; Workbox's 2 MiB default would silently leave it out. */
export const MAX_PRECACHED_FILE_BYTES = 48 * 1024 * 1024;

export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'BlobGEN Web',
    short_name: 'BlobGEN',
    description: 'Compose an image from tilted ellipses and descriptions; a diffusion model paints it on your own GPU.',
    theme_color: '#1d2330',
    background_color: '#1d2330',
    display: 'standalone',
    start_url: '.',
    scope: '.',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,mjs,css,wasm,svg,png,webmanifest}'],
    // Model packs (public/models/**, copied into the build) are never precached.
    globIgnores: ['models/**', '**/goldens/**'],
    maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
    cleanupOutdatedCaches: true,
    // `/` must not be answered cache-first from the precached index.html: navigations go to the
    // network-first route below.
    directoryIndex: null,
    navigateFallback: null,
    runtimeCaching: [
      {
        urlPattern: ({ request, url }) => request.mode === 'navigate' && url.pathname.endsWith('/embed.html'),
        handler: 'NetworkFirst',
        options: { cacheName: 'blobgen-pages', networkTimeoutSeconds: 5, precacheFallback: { fallbackURL: 'embed.html' } },
      },
      {
        urlPattern: ({ request }) => request.mode === 'navigate',
        handler: 'NetworkFirst',
        options: { cacheName: 'blobgen-pages', networkTimeoutSeconds: 5, precacheFallback: { fallbackURL: 'index.html' } },
      },
    ],
  },
};
