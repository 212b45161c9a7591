/**
 * The inspector's per-blob weight fields (Layout JSON v2: strength, feather, active steps): how
 * each is shown, parsed and validated, like blobFields.ts does for geometry. Defaults are stored
 * as "absent" so that an untouched layout stays Layout JSON v1. Pure: unit-tested without React.
 */
import { DEFAULT_BLOB_STRENGTH, MAX_BLOB_FEATHER, MAX_BLOB_STRENGTH, MIN_BLOB_STRENGTH } from '../../layout/limits';
import type { Blob } from '../../layout/types';
import type { BlobPatch } from '../../store/documentEdits';
import { checkRange, type FieldCheck } from './blobFields';

export interface BlobWeightField {
  key: 'strength' | 'feather' | 'activeFrom' | 'activeTo';
  label: string;
  hint: string;
  read(blob: Blob): number;
  step: number;
  format(value: number): string;
  /** `blob` is the current blob: the active-step ends are checked against each other. */
  check(text: string, blob: Blob): FieldCheck;
  patch(value: number, blob: Blob): BlobPatch;
}

const fixed2 = (value: number) => value.toFixed(2);
const activeSteps = (blob: Blob) => blob.activeSteps ?? { from: 0, to: 1 };

function stepsPatch(from: number, to: number): BlobPatch {
  return { activeSteps: from === 0 && to === 1 ? undefined : { from, to } };
}

function checkSpan(label: string, text: string, from: number, to: number, which: 'from' | 'to'): FieldCheck {
  const result = checkRange(label, text, 0, 1);
  if (!result.ok) return result;
  const [nextFrom, nextTo] = which === 'from' ? [result.value, to] : [from, result.value];
  return nextFrom < nextTo ? result : { ok: false, message: 'The active steps must start before they end (from < to).' };
}

export const BLOB_WEIGHT_FIELDS: readonly BlobWeightField[] = [
  {
    key: 'strength', label: 'strength', hint: 'How strongly the description holds inside the blob: 0 = off, 1 = as drawn, 2 = strongest',
    read: (blob) => blob.strength ?? DEFAULT_BLOB_STRENGTH, format: fixed2, step: 0.1,
    check: (text) => checkRange('Strength', text, MIN_BLOB_STRENGTH, MAX_BLOB_STRENGTH),
    patch: (strength) => ({ strength: strength === DEFAULT_BLOB_STRENGTH ? undefined : strength }),
  },
  {
    key: 'feather', label: 'feather', hint: 'Width of a soft edge, fraction of the image width (0 = the model’s own edge)',
    read: (blob) => blob.feather ?? 0, format: (value) => value.toFixed(3), step: 0.005,
    check: (text) => checkRange('Feather', text, 0, MAX_BLOB_FEATHER),
    patch: (feather) => ({ feather: feather === 0 ? undefined : feather }),
  },
  {
    key: 'activeFrom', label: 'from', hint: 'The blob applies from this fraction of the sampling steps (0 = the first step)',
    read: (blob) => activeSteps(blob).from, format: fixed2, step: 0.05,
    check: (text, blob) => checkSpan('From', text, activeSteps(blob).from, activeSteps(blob).to, 'from'),
    patch: (from, blob) => stepsPatch(from, activeSteps(blob).to),
  },
  {
    key: 'activeTo', label: 'to', hint: 'The blob applies until this fraction of the sampling steps (1 = the last step)',
    read: (blob) => activeSteps(blob).to, format: fixed2, step: 0.05,
    check: (text, blob) => checkSpan('To', text, activeSteps(blob).from, activeSteps(blob).to, 'to'),
    patch: (to, blob) => stepsPatch(activeSteps(blob).from, to),
  },
];
