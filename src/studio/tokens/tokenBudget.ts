/**
 * How much of a caption or description the model actually reads. The engine tokenises every
 * segment as [CLS] + word tokens and keeps the first `maxTokens` (src/engine/segmentTokens.ts);
 * this finds where in the *text* that cut falls, so the counter can mark the part that is
 * dropped. It only counts through the engine's own tokenizer (no second tokenisation rule).
 */

export interface TokenBudget {
  /** Tokens the text needs, [CLS] included (the engine's TruncationReport.needed). */
  needed: number;
  /** The pack's maximum per segment, [CLS] included. */
  maxTokens: number;
  /** The text the model reads, and the part it never sees ('' when nothing is cut). */
  keptText: string;
  truncatedText: string;
}

/** Counts the word tokens of a text without [CLS] (SegmentTokenizer.wordIds(text).length). */
export type CountWordTokens = (text: string) => number;

/**
 * Places a pre-tokenizer can cut: after each run of letters/digits and after each other
 * non-space character (punctuation is a token of its own in BERT-style pre-tokenisation).
 */
function cutPoints(text: string): number[] {
  return [...text.matchAll(/[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_]/gu)].map((m) => m.index + m[0].length);
}

export function measureTokenBudget(text: string, maxTokens: number, countWordTokens: CountWordTokens): TokenBudget {
  const wordBudget = maxTokens - 1; // [CLS] always takes the first place
  const words = countWordTokens(text);
  const needed = words + 1;
  if (words <= wordBudget) return { needed, maxTokens, keptText: text, truncatedText: '' };
  // The longest prefix (ending at a cut point) that still fits. Token counts grow with the
  // prefix, so a binary search needs O(log n) tokenisations of a text of at most 500 characters.
  const points = cutPoints(text);
  let lo = 0; // points[lo - 1] fits (lo = 0: the empty prefix)
  let hi = points.length; // points[hi - 1] does not fit (the whole text)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (countWordTokens(text.slice(0, points[mid - 1])) <= wordBudget) lo = mid;
    else hi = mid;
  }
  const cut = lo === 0 ? 0 : (points[lo - 1] ?? 0);
  return { needed, maxTokens, keptText: text.slice(0, cut), truncatedText: text.slice(cut) };
}
