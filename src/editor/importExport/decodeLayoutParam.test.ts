import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLayoutParam, encodeLayoutParam } from './decodeLayoutParam';

describe('decodeLayoutParam (old ?layout= links)', () => {
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
  it('rejects garbage, invalid UTF-8 and oversized parameters with a reason that reads after a subject', () => {
    for (const bad of ['not base64!', '_w' /* 0xFF: not UTF-8 */, 'A'.repeat(3_000_000)]) {
      const result = decodeLayoutParam(bad);
      expect(result.ok).toBe(false);
      // "The link’s layout <error>": never "The parameter it is neither …".
      if (!result.ok) expect(result.error).toMatch(/^(is|unpacks) /);
    }
  });
});
