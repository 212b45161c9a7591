import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

// The e2e setup (production build, system Chromium) pointed at the locality measurement.
export default defineConfig({ ...base, testDir: '.', testMatch: 'edit-locality.spec.ts' });
