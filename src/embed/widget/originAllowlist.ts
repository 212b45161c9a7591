/**
 * Which host pages may command the widget: a build-time list of exact origins
 * (`VITE_EMBED_ORIGINS`, comma-separated, read once in src/config/env.ts). Unset or empty means
 * the app's own origin only. The embedding page can never change it.
 */

export interface OriginAllowlist {
  origins: ReadonlySet<string>;
  /** Entries of the setting that are not exact origins (ignored, reported on the console). */
  rejected: string[];
}

/** `https://example.com` (scheme, host, optional port; no path, query or trailing slash). */
function exactOrigin(entry: string): string | null {
  try {
    const url = new URL(entry);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === entry ? entry : null;
  } catch {
    return null;
  }
}

export function parseOriginAllowlist(setting: string, ownOrigin: string): OriginAllowlist {
  const entries = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { origins: new Set([ownOrigin]), rejected: [] };
  const origins = new Set<string>();
  const rejected: string[] = [];
  for (const entry of entries) {
    const origin = exactOrigin(entry);
    if (origin) origins.add(origin);
    else rejected.push(entry);
  }
  return { origins, rejected };
}

/** Exact comparison only: no wildcards, no suffix matching, and the opaque origin "null" never matches. */
export function isAllowedOrigin(allowlist: OriginAllowlist, origin: string): boolean {
  return origin !== 'null' && allowlist.origins.has(origin);
}
