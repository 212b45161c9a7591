/**
 * Where the embed specs' host page lives: a port of its own next to the app's (BLOBGEN_E2E_PORT,
 * default 4173), so that `http://127.0.0.1:<hostPort>` is another origin than the app. The e2e
 * build puts exactly that origin on the widget's allowlist (playwright.config.ts), so the same
 * page served as `http://localhost:<hostPort>` is an origin that is NOT allowed.
 */
export const E2E_APP_PORT = Number(process.env.BLOBGEN_E2E_PORT ?? 4173);
export const EMBED_HOST_PORT = E2E_APP_PORT + 10;
export const ALLOWED_HOST_ORIGIN = `http://127.0.0.1:${String(EMBED_HOST_PORT)}`;
export const DISALLOWED_HOST_ORIGIN = `http://localhost:${String(EMBED_HOST_PORT)}`;
