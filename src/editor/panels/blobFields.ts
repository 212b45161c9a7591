/**
 * The inspector's numeric fields: how each blob parameter is shown, parsed and validated.
 * Pure, so validation-as-you-type is unit-tested without React.
 */
import { normalizeAngle } from '../../layout/geometry';
import { MAX_CENTER, MAX_RADIUS, MIN_CENTER, MIN_RADIUS } from '../../layout/limits';
import type { Blob } from '../../layout/types';
import type { BlobPatch } from '../../store/documentEdits';

export type FieldCheck = { ok: true; value: number } | { ok: false; message: string };

export interface BlobField {
  key: 'cx' | 'cy' | 'a' | 'b' | 'angle';
  label: string;
  hint: string;
  read(blob: Blob): number;
  /** ArrowUp/ArrowDown step in the field (Shift: ×10). */
  step: number;
  format(value: number): string;
  check(text: string): FieldCheck;
  patch(value: number): BlobPatch;
}

/** Plain decimal notation only: "1e3", "0x10" or "Infinity" are not what a person means here. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)$/;

export function checkRange(label: string, text: string, min: number, max: number): FieldCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Enter a number for ${label}.` };
  if (!DECIMAL.test(trimmed)) return { ok: false, message: `${label}: use a plain number such as 0.25.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < min || value > max) {
    return { ok: false, message: `${label} must be between ${String(min)} and ${String(max)}.` };
  }
  return { ok: true, value };
}

const fixed3 = (value: number) => value.toFixed(3);

export const BLOB_FIELDS: readonly BlobField[] = [
  {
    key: 'cx', label: 'cx', hint: 'Centre x, 0 = left edge, 1 = right edge',
    read: (blob) => blob.cx, format: fixed3, step: 0.005,
    check: (text) => checkRange('cx', text, MIN_CENTER, MAX_CENTER), patch: (cx) => ({ cx }),
  },
  {
    key: 'cy', label: 'cy', hint: 'Centre y, 0 = top edge, 1 = bottom edge',
    read: (blob) => blob.cy, format: fixed3, step: 0.005,
    check: (text) => checkRange('cy', text, MIN_CENTER, MAX_CENTER), patch: (cy) => ({ cy }),
  },
  {
    key: 'a', label: 'a', hint: 'Semi-axis along the angle, fraction of the image width',
    read: (blob) => blob.a, format: fixed3, step: 0.005,
    check: (text) => checkRange('a', text, MIN_RADIUS, MAX_RADIUS), patch: (a) => ({ a }),
  },
  {
    key: 'b', label: 'b', hint: 'Semi-axis across the angle, fraction of the image width',
    read: (blob) => blob.b, format: fixed3, step: 0.005,
    check: (text) => checkRange('b', text, MIN_RADIUS, MAX_RADIUS), patch: (b) => ({ b }),
  },
  {
    key: 'angle', label: 'angle °', hint: 'Rotation in degrees, clockwise (y points down)',
    read: (blob) => (blob.theta * 180) / Math.PI,
    format: (degrees) => degrees.toFixed(1),
    step: 1,
    check: (text) => checkRange('The angle', text, -360, 360),
    patch: (degrees) => ({ theta: normalizeAngle((degrees * Math.PI) / 180) }),
  },
];
