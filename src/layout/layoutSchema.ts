/**
 * Zod schemas for the *shape* of an imported layout body (`{caption, blobs}`), shared by the
 * Layout JSON importer and stored-document migrations. They reject what cannot be trusted
 * (wrong types, non-finite numbers, non-positive radii, over-long strings); fixable problems
 * (angles out of range, radii beyond the editing limits, bad ids) pass here and are repaired with
 * a warning by `validateLayoutBody`.
 *
 * Messages are phrases that follow a path ("blobs[3].a: must be a positive number"); the
 * offending value is appended by `formatSchemaIssues`.
 */
import { z } from 'zod';
import { MAX_BLOBS, MAX_CAPTION_LENGTH, MAX_DESCRIPTION_LENGTH } from './limits';
import { clipText, hasLoneSurrogate, textLength } from './textUnits';

// z.number() in zod 4 already rejects NaN and ±Infinity, which `1e999` parses to.
const finiteNumber = z.number({ error: 'must be a finite number' });
const positiveNumber = z
  .number({ error: 'must be a positive number' })
  .positive({ error: 'must be a positive number' });
const flag = z.boolean({ error: 'must be true or false' }).optional();

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Layout text: at most `max` code points (limits.ts: the one text unit), valid Unicode. */
function layoutText(max: number) {
  return z
    .string({ error: 'must be a string' })
    .refine((text) => textLength(text) <= max, { error: `must be at most ${String(max)} characters`, params: { tooLong: true } })
    .refine((text) => !hasLoneSurrogate(text), { error: 'holds an unpaired surrogate (not valid Unicode text)' });
}

export const layoutBlobSchema = z.object(
  {
    // Any id is accepted here; unusable or duplicate ids are replaced during repair.
    id: z.unknown().optional(),
    cx: finiteNumber,
    cy: finiteNumber,
    a: positiveNumber,
    b: positiveNumber,
    theta: finiteNumber,
    description: layoutText(MAX_DESCRIPTION_LENGTH).optional(),
    hidden: flag,
    locked: flag,
    // Layout JSON v2 (limits.ts): range repairs happen in validateLayoutBody, like radii.
    strength: finiteNumber.optional(),
    feather: finiteNumber.min(0, { error: 'must be a number ≥ 0 (0 = a hard edge)' }).optional(),
    activeSteps: z
      .object(
        { from: finiteNumber, to: finiteNumber },
        { error: 'must be an object {from, to} with fractions of the sampling run' },
      )
      // Ends outside [0, 1] are clamped later; what is left must still be a non-empty span.
      .refine(({ from, to }) => clampUnit(from) < clampUnit(to), { error: 'from must be below to (fractions of the run, 0–1)' })
      .optional(),
  },
  { error: 'must be an object with cx, cy, a, b, theta and description' },
);

export const layoutBodySchema = z.object(
  {
    caption: layoutText(MAX_CAPTION_LENGTH).optional(),
    blobs: z
      .array(layoutBlobSchema, { error: 'must be an array of blobs' })
      .max(MAX_BLOBS, { error: `must hold at most ${String(MAX_BLOBS)} blobs` }),
  },
  { error: 'must be an object' },
);

export type LayoutBlobInput = z.infer<typeof layoutBlobSchema>;
export type LayoutBodyInput = z.infer<typeof layoutBodySchema>;

/** `blobs[3].a` style path; `prefix` names where the body sits in a larger object. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** A short, safe description of an offending value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const length = textLength(value);
    if (length <= 40) return JSON.stringify(value);
    return `${JSON.stringify(clipText(value, 21).slice(0, -1))}… (${String(length)} characters)`;
  }
  if (Array.isArray(value)) return `an array of ${String(value.length)} items`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads the value at `path` in `root`, own properties only (never the prototype chain). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || typeof key === 'symbol') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** One message per issue: `path: problem, got value` (strings over the limit say their length). */
export function formatSchemaIssues(error: z.ZodError, root: unknown, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const value = valueAt(root, issue.path);
    const tooLongText = issue.code === 'custom' && (issue.params as { tooLong?: boolean } | undefined)?.tooLong === true;
    const got =
      tooLongText && typeof value === 'string'
        ? `got ${String(textLength(value))} characters`
        : issue.code === 'too_big' && Array.isArray(value)
          ? `got ${String(value.length)}`
          : `got ${describeValue(value)}`;
    return `${formatPath(issue.path, prefix)}: ${issue.message}, ${got}`;
  });
}
