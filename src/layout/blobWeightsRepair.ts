/**
 * Range repairs of a blob's weights (strength, feather, active steps) on import, in the spirit of
 * the radius clamps in layoutValidation.ts: the intent of "strength 3" is clear (as strong as it
 * goes), so it is lowered to the limit with a warning. Defaults are dropped, not stored.
 */
import { DEFAULT_BLOB_STRENGTH, MAX_BLOB_FEATHER, MAX_BLOB_STRENGTH, MIN_BLOB_STRENGTH } from './limits';
import type { ActiveSteps, Blob } from './types';

type BlobWeights = Pick<Blob, 'strength' | 'feather' | 'activeSteps'>;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function repairBlobWeights(input: BlobWeights, at: (field: string) => string, warnings: string[]): BlobWeights {
  const out: BlobWeights = {};
  if (input.strength !== undefined) {
    const strength = clamp(input.strength, MIN_BLOB_STRENGTH, MAX_BLOB_STRENGTH);
    if (strength !== input.strength) {
      warnings.push(`${at('strength')}: ${String(input.strength)} is outside ${String(MIN_BLOB_STRENGTH)}–${String(MAX_BLOB_STRENGTH)}; set to ${String(strength)}`);
    }
    if (strength !== DEFAULT_BLOB_STRENGTH) out.strength = strength;
  }
  if (input.feather !== undefined) {
    const feather = Math.min(MAX_BLOB_FEATHER, input.feather);
    if (feather !== input.feather) warnings.push(`${at('feather')}: ${String(input.feather)} is above the maximum ${String(MAX_BLOB_FEATHER)}; lowered to it`);
    if (feather > 0) out.feather = feather;
  }
  if (input.activeSteps !== undefined) {
    const steps: ActiveSteps = { from: clamp(input.activeSteps.from, 0, 1), to: clamp(input.activeSteps.to, 0, 1) };
    if (steps.from !== input.activeSteps.from || steps.to !== input.activeSteps.to) {
      warnings.push(`${at('activeSteps')}: ${String(input.activeSteps.from)}–${String(input.activeSteps.to)} reaches outside 0–1; set to ${String(steps.from)}–${String(steps.to)}`);
    }
    if (steps.from > 0 || steps.to < 1) out.activeSteps = steps;
  }
  return out;
}
