/**
 * Layout JSON, the interchange format of the engine, CLI, widget and external tools:
 *
 *   { "format": "blobgen-layout", "version": 1 | 2, "caption": "…",
 *     "blobs": [ { "id", "cx", "cy", "a", "b", "theta", "description", "hidden"?, "locked"?,
 *                  "strength"?, "feather"?, "activeSteps"?: { "from", "to" } } ] }
 *
 * Version 2 added the per-blob weights (strength 0–2, feather, active steps; limits.ts). A
 * document is written as the lowest version that holds it: a layout without weights stays
 * version 1 and still opens in older apps, and one with weights is version 2, which older apps
 * refuse with "made by a newer version" instead of silently dropping its weights. Both open here
 * (version 1 → 2 changes nothing: the new fields are optional).
 *
 * Array order is stacking order; unknown fields are ignored on import. Import never throws:
 * every problem becomes a path-qualified message (see layoutValidation.ts for what is rejected
 * and what is repaired with a warning).
 */
import { checkImportSize } from './importSize';
import { describeValue } from './layoutSchema';
import { validateLayoutBody, type LayoutImportResult } from './layoutValidation';
import type { LayoutDocument } from './types';

export const LAYOUT_JSON_FORMAT = 'blobgen-layout';
/** The newest version this app reads and writes. */
export const LAYOUT_JSON_VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, 2];

function usesBlobWeights(document: LayoutDocument): boolean {
  return document.blobs.some((blob) => blob.strength !== undefined || blob.feather !== undefined || blob.activeSteps !== undefined);
}

export type { LayoutImportResult } from './layoutValidation';

function fail(...errors: string[]): LayoutImportResult {
  return { ok: false, errors };
}

/** Parses Layout JSON text. Never throws. */
export function parseLayoutJson(text: string): LayoutImportResult {
  try {
    if (typeof text !== 'string') return fail(`expected text, got ${describeValue(text)}`);
    const sizeError = checkImportSize(text);
    if (sizeError !== undefined) return fail(sizeError);
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      return fail(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    return parseLayoutJsonValue(value);
  } catch (error) {
    // Defence in depth: a bug here must surface as a rejected import, not a crashed editor.
    return fail(`could not read the layout: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Validates an already-parsed Layout JSON value (e.g. from postMessage). Never throws. */
export function parseLayoutJsonValue(value: unknown): LayoutImportResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(
      `(root): must be a Layout JSON object {"format": "${LAYOUT_JSON_FORMAT}", …}, got ${describeValue(value)}`,
    );
  }
  const record = value as Record<string, unknown>;
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);
  const format = own('format');
  if (format !== LAYOUT_JSON_FORMAT) {
    return fail(
      `format: must be "${LAYOUT_JSON_FORMAT}" (this is not a BlobGEN layout file), got ${describeValue(format)}`,
    );
  }
  const version = own('version');
  if (typeof version === 'number' && Number.isInteger(version) && version > LAYOUT_JSON_VERSION) {
    return fail(
      `version: this layout was made by a newer version of BlobGEN Web (Layout JSON version ${String(version)}); ` +
        `this app reads version ${String(LAYOUT_JSON_VERSION)}. Update the app to open it.`,
    );
  }
  if (!READABLE_VERSIONS.includes(version)) {
    return fail(`version: must be ${READABLE_VERSIONS.join(' or ')}, got ${describeValue(version)}`);
  }
  try {
    return validateLayoutBody(value);
  } catch (error) {
    return fail(`could not read the layout: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The document as Layout JSON: fixed key order, two-space indent, flags and weights only when set. */
export function serializeLayoutJson(document: LayoutDocument): string {
  const out = {
    format: LAYOUT_JSON_FORMAT,
    version: usesBlobWeights(document) ? LAYOUT_JSON_VERSION : 1,
    caption: document.caption,
    blobs: document.blobs.map((blob) => ({
      id: blob.id,
      cx: blob.cx,
      cy: blob.cy,
      a: blob.a,
      b: blob.b,
      theta: blob.theta,
      description: blob.description,
      ...(blob.hidden ? { hidden: true } : {}),
      ...(blob.locked ? { locked: true } : {}),
      ...(blob.strength !== undefined ? { strength: blob.strength } : {}),
      ...(blob.feather !== undefined ? { feather: blob.feather } : {}),
      ...(blob.activeSteps ? { activeSteps: { from: blob.activeSteps.from, to: blob.activeSteps.to } } : {}),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
