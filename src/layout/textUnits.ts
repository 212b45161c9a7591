/**
 * The one unit in which layout text is measured: Unicode code points (see limits.ts for why).
 * Every limit check, counter, importer and notice that measures or cuts layout text uses these,
 * never `String.length` (UTF-16 code units) or `slice` (which can cut a surrogate pair in half).
 */

/** Matches one unpaired surrogate: with the `u` flag a well-formed pair is one code point, not two. */
const LONE_SURROGATE = /\p{Cs}/u;

/** How many code points `text` has (a lone surrogate counts as one). */
export function textLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Whether `text` holds a lone surrogate, which no UTF-8 format (file, link, PNG) can carry. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The first `max` code points of `text` (never half a surrogate pair). */
export function firstCodePoints(text: string, max: number): string {
  if (text.length <= max) return text; // max UTF-16 units never hold more than max code points
  let out = '';
  let count = 0;
  for (const char of text) {
    if (count >= max) break;
    out += char;
    count++;
  }
  return out;
}

/** `text` cut to at most `max` code points, an ellipsis marking a cut (for notices and quotes). */
export function clipText(text: string, max: number): string {
  if (textLength(text) <= max) return text;
  return `${firstCodePoints(text, Math.max(0, max - 1))}…`;
}

/**
 * What a text field does with a change the person made: a change that stays within `max` code
 * points (or that shortens an already over-long text) is taken; anything else is refused as a
 * whole, with a reason to show, so a keystroke or a paste is never cut silently.
 */
export function checkTextEdit(
  previous: string,
  next: string,
  max: number,
): { ok: true } | { ok: false; length: number } {
  const length = textLength(next);
  if (length <= max || length < textLength(previous)) return { ok: true };
  return { ok: false, length };
}
