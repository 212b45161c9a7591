import { describe, expect, it } from 'vitest';
import { BLOB_FIELDS, type BlobField } from './blobFields';

const field = (key: BlobField['key']): BlobField => {
  const found = BLOB_FIELDS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe('inspector field validation', () => {
  it('accepts plain decimals in range', () => {
    expect(field('cx').check(' 0.25 ')).toEqual({ ok: true, value: 0.25 });
    expect(field('a').check('.3')).toEqual({ ok: true, value: 0.3 });
  });

  it.each(['', 'abc', 'NaN', 'Infinity', '1e3', '0x10', '--1', '0.2.3'])('rejects %j with a message', (text) => {
    const result = field('cx').check(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
  });

  it('rejects zero, negative and huge radii', () => {
    for (const text of ['0', '-0.1', '99']) expect(field('b').check(text).ok).toBe(false);
  });

  it('converts the angle from degrees and normalises it into (−π, π]', () => {
    expect(field('angle').patch(90)).toEqual({ theta: Math.PI / 2 });
    const wrapped = field('angle').patch(270).theta ?? NaN;
    expect(wrapped).toBeCloseTo(-Math.PI / 2);
    expect(field('angle').check('400').ok).toBe(false);
  });
});
