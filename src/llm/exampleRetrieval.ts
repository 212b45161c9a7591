/**
 * Picks the in-context examples whose captions are most like the user's, as the paper does with
 * its retrieval step (BlobGEN §2.3). The paper embeds captions; a word-overlap score is enough to
 * choose among a handful of shipped examples and needs no model.
 */
import type { LayoutExample } from './inContextExamples';

/** Words that say nothing about a scene. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'with', 'at', 'to', 'is', 'are', 'by', 'for', 'next', 'its']);

export function captionWords(caption: string): Set<string> {
  const words = caption.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  // A crude stem: "stripes"/"striped" and "shapes"/"shape" should meet.
  return new Set(words.filter((w) => !STOP_WORDS.has(w)).map((w) => w.replace(/(?:es|ed|s)$/, '')));
}

/** Jaccard similarity of the two captions' content words, in [0, 1]. */
export function captionSimilarity(x: string, y: string): number {
  const a = captionWords(x);
  const b = captionWords(y);
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * The `count` examples most similar to `caption`, most similar last (closest to the question, where
 * a model weighs examples most). Ties keep the shipped order, so the choice is deterministic.
 */
export function retrieveExamples(caption: string, examples: readonly LayoutExample[], count: number): LayoutExample[] {
  const scored = examples.map((example, index) => ({ example, index, score: captionSimilarity(caption, example.caption) }));
  scored.sort((p, q) => q.score - p.score || p.index - q.index);
  return scored
    .slice(0, Math.max(0, count))
    .reverse()
    .map((entry) => entry.example);
}
