import { describe, expect, it } from 'vitest';
import tinyTokenizer from './__fixtures__/tiny-tokenizer.json';
import { SegmentTokenizer } from './segmentTokens';

// Fixture and expected ids were produced by training/blobgen/tokenizer.py (Tokenizer.save/encode)
// with a 11-word vocabulary and L = 6, so this is a cross-language check of contracts.md §4.
const PYTHON: [string, number[], number][] = [
  ['a red blob', [2, 15, 22, 17, 0, 0], 4],
  ['', [2, 0, 0, 0, 0, 0], 1],
  ['A Red, striped blob... zebra!', [2, 15, 22, 5, 1, 17], 6],
  ['the blob is red with blue stripes on green', [2, 24, 17, 20, 22, 25], 6],
  ['Café  blue', [2, 1, 18, 0, 0, 0], 3],
];

describe('SegmentTokenizer', () => {
  const tok = new SegmentTokenizer(tinyTokenizer, 6);
  it('matches the Python tokenizer per segment ([CLS] + words, truncate, pad)', () => {
    const out = tok.encodeSegments(PYTHON.map(([t]) => t));
    PYTHON.forEach(([, ids, count], s) => {
      expect(Array.from(out.ids.subarray(s * 6, s * 6 + 6))).toEqual(ids);
      expect(out.tokenCounts[s]).toBe(count);
      expect(Array.from(out.attentionMask.subarray(s * 6, s * 6 + 6))).toEqual(ids.map((_, k) => (k < count ? 1 : 0)));
    });
  });
  it('reports truncation with what was needed and kept', () => {
    const out = tok.encodeSegments(PYTHON.map(([t]) => t));
    expect(out.truncated).toEqual([
      { segment: 2, needed: 11, kept: 6 },
      { segment: 3, needed: 10, kept: 6 },
    ]);
  });
  it('refuses a tokenizer without [CLS]/[PAD]', () => {
    const broken = structuredClone(tinyTokenizer) as { added_tokens: unknown[]; model: { vocab: Record<string, number> } };
    broken.added_tokens = [];
    delete broken.model.vocab['[CLS]'];
    expect(() => new SegmentTokenizer(broken, 6)).toThrow(/\[CLS\]/);
  });
});
