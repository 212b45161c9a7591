/** The host's `mount()` options, validated (a typo gets a clear error, not a silently different widget). zod/mini: see protocol/envelope.ts. */
import * as z from 'zod/mini';
import { EMBED_CONTROLS } from '../protocol/envelope';


export const mountOptionsSchema = z.strictObject({
  /** The app's URL (its folder, or embed.html itself). Default: where this loader script came from. */
  src: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  /** A layout (Layout JSON v1 or `{caption, blobs}`) applied once the widget is ready. */
  layout: z.optional(z.unknown()),
  readOnly: z.optional(z.boolean()),
  theme: z.optional(z.enum(['light', 'dark'])),
  height: z.optional(z.union([z.literal('auto'), z.number().check(z.positive(), z.maximum(100_000))])),
  controls: z.optional(z.array(z.enum(EMBED_CONTROLS)).check(z.maxLength(EMBED_CONTROLS.length))),
  /** The iframe's sandbox attribute; it must keep allow-scripts and allow-same-origin (docs/embed.md). */
  sandbox: z.optional(z.string().check(z.maxLength(500))),
  /** How long to wait for `ready` before giving up, ms. */
  timeoutMs: z.optional(z.number().check(z.positive(), z.maximum(600_000))),
});

export type MountOptions = z.infer<typeof mountOptionsSchema>;

/** embed.html's URL: `src` as given when it names a page, else `embed.html` in the app's folder. */
export function widgetUrl(src: string, options: MountOptions): URL {
  const base = new URL(src);
  const url = /\.html?$/.test(base.pathname) ? base : new URL('embed.html', base.pathname.endsWith('/') ? base : new URL(`${base.href}/`));
  if (options.readOnly !== undefined) url.searchParams.set('readOnly', options.readOnly ? '1' : '0');
  if (options.theme) url.searchParams.set('theme', options.theme);
  if (options.controls) url.searchParams.set('controls', options.controls.join(','));
  return url;
}
