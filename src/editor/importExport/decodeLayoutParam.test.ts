import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLayoutParam, encodeLayoutParam } from './decodeLayoutParam';

describe('decodeLayoutParam', () => {
  it('passes URI-decoded JSON through', () => {
    expect(decodeLayoutParam(' {"format":"blobgen-layout"} ')).toEqual({ ok: true, text: '{"format":"blobgen-layout"}' });
  });

  it('round-trips any text through base64url', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.trim().startsWith('{') && text.length > 0);
        expect(decodeLayoutParam(encodeLayoutParam(text))).toEqual({ ok: true, text });
      }),
    );
  });

  it('rejects garbage, invalid UTF-8 and oversized parameters with a reason', () => {
    expect(decodeLayoutParam('not base64!').ok).toBe(false);
    expect(decodeLayoutParam('_w').ok).toBe(false); // 0xFF: not UTF-8
    expect(decodeLayoutParam('A'.repeat(3_000_000)).ok).toBe(false);
  });
});
