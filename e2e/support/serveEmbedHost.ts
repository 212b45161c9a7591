/**
 * Starts the embed specs' third-party host page once per spec file (before all its tests) and
 * stops it after: `const site = serveEmbedHost();` then `site.appOrigin` inside the tests.
 */
import { test } from '@playwright/test';
import { startEmbedHost, type EmbedHostServer } from './embedHostServer';

export function serveEmbedHost(): { readonly appOrigin: string } {
  let host: EmbedHostServer | undefined;
  const site = { appOrigin: '' };
  test.beforeAll(async ({ baseURL }) => {
    site.appOrigin = new URL(baseURL ?? '').origin;
    host = await startEmbedHost(site.appOrigin);
  });
  test.afterAll(async () => host?.close());
  return site;
}
