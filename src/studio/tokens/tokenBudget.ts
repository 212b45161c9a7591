/**
 * How much of a caption, description or negative caption the model actually reads. The engine
 * frames every segment with the pack's special tokens and keeps only as many word tokens as fit
 * (src/engine/segmentTokens.ts: [CLS] + L − 1 for our packs; [BOS] + L − 2 + [EOS] for CLIP, as
 * Stable Diffusion pipelines truncate); `SegmentTokenizer.cut` finds where in the *text* that cut
 * falls, so the counter can mark the part that is dropped. No second tokenisation rule here.
 */
import type { SegmentTokenizer } from '../../engine/segmentTokens';

export interface TokenBudget {
  /** Tokens the text needs, special tokens included (the engine's TruncationReport.needed). */
  needed: number;
  /** The pack's maximum per segment, special tokens included. */
  maxTokens: number;
  /** The text the model reads, and the part it never sees ('' when nothing is cut). */
  keptText: string;
  truncatedText: string;
}

export function measureTokenBudget(text: string, tokenizer: SegmentTokenizer): TokenBudget {
  const { wordTokens, keptChars } = tokenizer.cut(text);
  const specials = tokenizer.maxTokens - tokenizer.wordBudget;
  const needed = wordTokens + specials;
  if (keptChars >= text.length) return { needed, maxTokens: tokenizer.maxTokens, keptText: text, truncatedText: '' };
  // Spaces before the cut belong to neither side; show them with the dropped part.
  const keptText = text.slice(0, keptChars).trimEnd();
  return { needed, maxTokens: tokenizer.maxTokens, keptText, truncatedText: text.slice(keptText.length) };
}
