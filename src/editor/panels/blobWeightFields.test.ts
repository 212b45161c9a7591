import { describe, expect, it } from 'vitest';
import type { Blob } from '../../layout/types';
import { BLOB_WEIGHT_FIELDS } from './blobWeightFields';

const blob: Blob = { id: 'a', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: '' };
const field = (key: string) => {
  const found = BLOB_WEIGHT_FIELDS.find((f) => f.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe('blob weight fields', () => {
  it('read the defaults of a blob without weights and store defaults as absent', () => {
    expect(BLOB_WEIGHT_FIELDS.map((f) => f.read(blob))).toEqual([1, 0, 0, 1]);
    expect(field('strength').patch(1, blob)).toEqual({ strength: undefined });
    expect(field('strength').patch(1.5, blob)).toEqual({ strength: 1.5 });
    expect(field('feather').patch(0, blob)).toEqual({ feather: undefined });
    expect(field('activeFrom').patch(0, { ...blob, activeSteps: { from: 0.5, to: 1 } })).toEqual({ activeSteps: undefined });
    expect(field('activeTo').patch(0.5, blob)).toEqual({ activeSteps: { from: 0, to: 0.5 } });
  });

  it('refuse out-of-range values and an empty span, saying why', () => {
    expect(field('strength').check('2.5', blob)).toEqual({ ok: false, message: 'Strength must be between 0 and 2.' });
    expect(field('strength').check('0', blob)).toEqual({ ok: true, value: 0 });
    expect(field('feather').check('0.3', blob)).toEqual({ ok: false, message: 'Feather must be between 0 and 0.25.' });
    const late = { ...blob, activeSteps: { from: 0.5, to: 1 } };
    expect(field('activeTo').check('0.4', late)).toEqual({ ok: false, message: 'The active steps must start before they end (from < to).' });
    expect(field('activeFrom').check('1', blob)).toEqual({ ok: false, message: 'The active steps must start before they end (from < to).' });
    expect(field('activeFrom').check('0.2', late)).toEqual({ ok: true, value: 0.2 });
  });
});
