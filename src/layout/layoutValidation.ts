/**
 * Turns an untrusted layout body (`{caption, blobs}`) into a LayoutDocument, or explains why not.
 *
 * Policy. A file is REJECTED (nothing is imported) when its content cannot be trusted to mean
 * what its author meant: wrong types, NaN/Infinity, a zero or negative radius, more than
 * MAX_BLOBS blobs, a caption or description over the length limit. Guessing there would silently
 * change the picture. It is REPAIRED with a warning when the intent is unambiguous:
 *   - theta outside (−π, π] → normalised (same direction);
 *   - a radius below MIN_RADIUS or above MAX_RADIUS, a centre outside [MIN_CENTER, MAX_CENTER]
 *     → clamped (editing limits, the shape is still recognisable);
 *   - a missing, unusable (unsafe characters, too long, `__proto__`…) or duplicate id → a new id
 *     (ids carry no meaning beyond identity within the document);
 *   - a missing caption or description → empty;
 *   - a strength outside 0–2, a feather above MAX_BLOB_FEATHER, active-step ends outside 0–1
 *     → clamped; default values (strength 1, feather 0, steps 0–1) are dropped, so a layout
 *     that does not use them stays Layout JSON v1.
 * Unknown fields are dropped without a warning (the format says they are ignored).
 */
import { isUsableBlobId, newBlobId } from './blobId';
import { clampBlob } from './geometry';
import { repairBlobWeights } from './blobWeightsRepair';
import { MAX_BLOBS, MAX_CENTER, MAX_ID_LENGTH, MAX_RADIUS, MIN_CENTER, MIN_RADIUS } from './limits';
import { describeValue, formatPath, formatSchemaIssues, layoutBodySchema, type LayoutBlobInput } from './layoutSchema';
import type { Blob, LayoutDocument } from './types';

export type LayoutImportResult =
  { ok: true; document: LayoutDocument; warnings: string[] } | { ok: false; errors: string[] };

/** Long error lists bury the first problem; a file with this many is broken throughout anyway. */
export const MAX_REPORTED_ERRORS = 20;

export function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const hidden = errors.length - MAX_REPORTED_ERRORS;
  return [...errors.slice(0, MAX_REPORTED_ERRORS), `…and ${String(hidden)} more problems`];
}

function formatNumber(n: number): string {
  return String(Number(n.toPrecision(6)));
}

/**
 * Validates and repairs a layout body. `prefix` is where the body sits in the outer object, so
 * messages point at the right place (e.g. `document.blobs[0].a` in a stored envelope).
 */
export function validateLayoutBody(value: unknown, prefix = ''): LayoutImportResult {
  const path = (...keys: (string | number)[]): string => formatPath(keys, prefix);
  // Checked before the schema so that a million blobs is refused without visiting each one.
  if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'blobs')) {
    const blobs = (value as { blobs: unknown }).blobs;
    if (Array.isArray(blobs) && blobs.length > MAX_BLOBS) {
      return {
        ok: false,
        errors: [`${path('blobs')}: too many blobs (${String(blobs.length)}); the limit is ${String(MAX_BLOBS)}`],
      };
    }
  }
  const parsed = layoutBodySchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: capErrors(formatSchemaIssues(parsed.error, value, prefix)) };

  const warnings: string[] = [];
  if (parsed.data.caption === undefined) warnings.push(`${path('caption')}: missing; using an empty caption`);
  const seenIds = new Map<string, number>();
  const blobs = parsed.data.blobs.map((input, index) => {
    const blob = repairBlob(input, index, seenIds, path, warnings);
    seenIds.set(blob.id, index);
    return blob;
  });
  return { ok: true, document: { caption: parsed.data.caption ?? '', blobs }, warnings };
}

function repairBlob(
  input: LayoutBlobInput,
  index: number,
  seenIds: ReadonlyMap<string, number>,
  path: (...keys: (string | number)[]) => string,
  warnings: string[],
): Blob {
  const at = (field: string): string => path('blobs', index, field);

  let id: string;
  if (!isUsableBlobId(input.id)) {
    id = newBlobId();
    if (input.id !== undefined) {
      warnings.push(
        `${at('id')}: ${describeValue(input.id)} is not a usable id (letters, digits, _ and -, at most ${String(MAX_ID_LENGTH)}); gave it a new id`,
      );
    }
  } else if (seenIds.has(input.id)) {
    id = newBlobId();
    warnings.push(
      `${at('id')}: ${JSON.stringify(input.id)} is already used by ${path('blobs', seenIds.get(input.id) ?? 0)}; gave it a new id`,
    );
  } else {
    id = input.id;
  }

  if (input.description === undefined) warnings.push(`${at('description')}: missing; using an empty description`);

  const raw: Blob = {
    id,
    cx: input.cx,
    cy: input.cy,
    a: input.a,
    b: input.b,
    theta: input.theta,
    description: input.description ?? '',
  };
  if (input.hidden === true) raw.hidden = true;
  if (input.locked === true) raw.locked = true;
  Object.assign(raw, repairBlobWeights(input, at, warnings));
  const repaired = clampBlob(raw);

  if (raw.theta <= -Math.PI || raw.theta > Math.PI) {
    warnings.push(
      `${at('theta')}: ${formatNumber(raw.theta)} is outside (−π, π]; normalised to ${formatNumber(repaired.theta)} (same direction)`,
    );
  }
  for (const field of ['a', 'b'] as const) {
    if (raw[field] < MIN_RADIUS) {
      warnings.push(
        `${at(field)}: ${formatNumber(raw[field])} is below the minimum ${String(MIN_RADIUS)}; raised to it`,
      );
    } else if (raw[field] > MAX_RADIUS) {
      warnings.push(
        `${at(field)}: ${formatNumber(raw[field])} is above the maximum ${String(MAX_RADIUS)}; lowered to it`,
      );
    }
  }
  for (const field of ['cx', 'cy'] as const) {
    if (raw[field] < MIN_CENTER || raw[field] > MAX_CENTER) {
      warnings.push(
        `${at(field)}: ${formatNumber(raw[field])} is outside [${String(MIN_CENTER)}, ${String(MAX_CENTER)}]; moved to ${formatNumber(repaired[field])}`,
      );
    }
  }
  return repaired;
}
