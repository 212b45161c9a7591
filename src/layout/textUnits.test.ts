import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTextEdit, clipText, firstCodePoints, hasLoneSurrogate, textLength } from './textUnits';

const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme-composite' }));

describe('textLength: code points', () => {
  it('counts an emoji as one, a ZWJ family as its code points, a lone surrogate as one', () => {
    expect(textLength('😀'.repeat(300))).toBe(300);
    expect(textLength('👩‍👩‍👧')).toBe(5);
    expect(textLength('e\u0301')).toBe(2);
    expect(textLength('\ud83d')).toBe(1);
    expect(textLength('a\udc00b\ud83d')).toBe(4);
  });
  it('agrees with the string iterator on any text', () => {
    fc.assert(fc.property(anyText, (text) => textLength(text) === [...text].length));
  });
});

describe('cutting text', () => {
  it('never cuts a surrogate pair, whatever the text and limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(80), (text, max) => {
        const clipped = clipText(text, max);
        expect(hasLoneSurrogate(clipped)).toBe(false);
        expect(textLength(clipped)).toBeLessThanOrEqual(Math.max(max, 1));
        expect(firstCodePoints(text, max)).toBe([...text].slice(0, max).join(''));
      }),
    );
  });
  it('marks a cut with an ellipsis and leaves short text alone', () => {
    expect(clipText('😀😀😀', 3)).toBe('😀😀😀');
    expect(clipText('😀😀😀😀', 3)).toBe('😀😀…');
  });
});

describe('checkTextEdit', () => {
  it('takes edits within the limit and refuses the whole edit beyond it (never a silent cut)', () => {
    expect(checkTextEdit('', '😀'.repeat(500), 500)).toEqual({ ok: true });
    expect(checkTextEdit('😀'.repeat(500), `${'😀'.repeat(500)}x`, 500)).toEqual({ ok: false, length: 501 });
  });
  it('always lets an over-long text get shorter', () => {
    expect(checkTextEdit('x'.repeat(600), 'x'.repeat(599), 500)).toEqual({ ok: true });
  });
});
