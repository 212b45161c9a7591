import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webServer = Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : [];

// The e2e setup (production build, system Chromium) pointed at the locality measurement; the
// build and preview server run from the repository root, not from bench/.
export default defineConfig({ ...base, testDir: '.', testMatch: 'edit-locality.spec.ts', webServer: webServer.map((server) => ({ ...server, cwd: repoRoot })) });
