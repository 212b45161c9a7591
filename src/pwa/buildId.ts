/**
 * Which build this page runs: `VITE_BUILD_ID` at build time (CI or a deploy sets it; the update
 * e2e builds twice with two ids), else "dev". Shown in the update bar's title for support.
 */
export const BUILD_ID: string = import.meta.env.VITE_BUILD_ID ?? 'dev';
