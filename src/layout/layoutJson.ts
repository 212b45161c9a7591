/**
 * Layout JSON v1, the interchange format of the engine, CLI, widget and external tools:
 *
 *   { "format": "blobgen-layout", "version": 1, "caption": "…",
 *     "blobs": [ { "id", "cx", "cy", "a", "b", "theta", "description", "hidden"?, "locked"? } ] }
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
export const LAYOUT_JSON_VERSION = 1;

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
  if (version !== LAYOUT_JSON_VERSION) {
    return fail(`version: must be ${String(LAYOUT_JSON_VERSION)}, got ${describeValue(version)}`);
  }
  try {
    return validateLayoutBody(value);
  } catch (error) {
    return fail(`could not read the layout: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The document as Layout JSON v1: fixed key order, two-space indent, flags only when set. */
export function serializeLayoutJson(document: LayoutDocument): string {
  const out = {
    format: LAYOUT_JSON_FORMAT,
    version: LAYOUT_JSON_VERSION,
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
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
