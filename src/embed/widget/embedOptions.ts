/**
 * The widget's display options, read from embed.html's query string (set by the loader from
 * `mount()` options): `?readOnly=1&theme=dark&controls=caption,description,generate,progress,result`.
 * A URL is an external input: each parameter is validated on its own, and a bad one falls back to
 * its default with a notice instead of breaking the widget.
 */
import { z } from 'zod';

import { EMBED_CONTROLS } from '../protocol/envelope';

export { EMBED_CONTROLS };
export type EmbedControl = (typeof EMBED_CONTROLS)[number];
export type EmbedTheme = 'light' | 'dark';

export interface EmbedOptions {
  readOnly: boolean;
  theme: EmbedTheme;
  /** Which controls show below the canvas (the canvas always shows). */
  controls: ReadonlySet<EmbedControl>;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = { readOnly: false, theme: 'light', controls: new Set(EMBED_CONTROLS) };

const readOnlySchema = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const themeSchema = z.enum(['light', 'dark']);
const controlsSchema = z
  .string()
  .max(200)
  .transform((v) => v.split(',').map((c) => c.trim()).filter((c) => c !== ''))
  .pipe(z.array(z.enum(EMBED_CONTROLS)));

export function parseEmbedOptions(search: string): { options: EmbedOptions; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T, valid: string): T => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    problems.push(`The option ${name}=${JSON.stringify(raw.slice(0, 40))} is not valid (${valid}); using the default.`);
    return fallback;
  };
  return {
    options: {
      readOnly: read('readOnly', readOnlySchema, DEFAULT_EMBED_OPTIONS.readOnly, 'use 1 or 0'),
      theme: read('theme', themeSchema, DEFAULT_EMBED_OPTIONS.theme, 'use light or dark'),
      controls: new Set(read('controls', controlsSchema, [...DEFAULT_EMBED_OPTIONS.controls], `a comma-separated list of ${EMBED_CONTROLS.join(', ')}`)),
    },
    problems,
  };
}
