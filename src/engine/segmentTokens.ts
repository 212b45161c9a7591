/**
 * Text → token ids per segment (docs/contracts.md §4): every segment is tokenised on its own with
 * the pack's tokenizer.json. The library's post-processor is bypassed (add_special_tokens: false)
 * and the special tokens are added here, so the contract holds whatever template a
 * tokenizer.json carries. Two framings, chosen by the pack:
 *
 * - `cls` (our trained packs): [CLS] + word tokens, truncated to L, padded with [PAD]; only the
 *   real tokens are attended (tokenCount = their number).
 * - `clip` (Stable-Diffusion packs): [BOS] + the first L − 2 word tokens + [EOS], padded to L with
 *   the model's own pad id. Every one of the L positions is attended (tokenCount = L), as SD
 *   pipelines do: the causal CLIP encoder writes meaning into the padded positions too.
 */
import { Tokenizer } from '@huggingface/tokenizers';

export interface TruncationReport {
  /** Index into the segment list (see GenerationPlan.segments). */
  segment: number;
  /** Tokens the text needed (special tokens included) and how many were kept. */
  needed: number;
  kept: number;
}

export interface SegmentTokens {
  segmentCount: number;
  /** L, tokens per segment. */
  maxTokens: number;
  /** [S, L] row-major. */
  ids: Int32Array;
  attentionMask: Int32Array;
  /** Attended tokens per segment (≥ 1). */
  tokenCounts: Int32Array;
  truncated: TruncationReport[];
}

export type SegmentFraming = { kind: 'cls' } | { kind: 'clip'; bosTokenId: number; eosTokenId: number; padTokenId: number };

/** Where a text is cut: how many word tokens survive, and the character offset they end at. */
export interface TextCut {
  wordTokens: number;
  keptWordTokens: number;
  /** Characters of the text that reach the model (the whole text when nothing is cut). */
  keptChars: number;
}

export class SegmentTokenizer {
  private readonly tokenizer: Tokenizer;
  private readonly startId: number;
  private readonly endId: number | null;
  private readonly padId: number;

  constructor(
    tokenizerJson: object,
    readonly maxTokens: number,
    readonly framing: SegmentFraming = { kind: 'cls' },
  ) {
    if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new RangeError(`maxTokens must be ≥ 1, got ${maxTokens}`);
    this.tokenizer = new Tokenizer(tokenizerJson, {});
    if (framing.kind === 'clip') {
      if (maxTokens < 3) throw new RangeError(`a CLIP segment needs room for [BOS], a word and [EOS]; maxTokens is ${maxTokens}`);
      for (const [role, id] of [['bosTokenId', framing.bosTokenId], ['eosTokenId', framing.eosTokenId], ['padTokenId', framing.padTokenId]] as const) {
        if (this.tokenizer.id_to_token(id) === undefined) throw new Error(`tokenizer.json has no token with the manifest's ${role} ${id}`);
      }
      this.startId = framing.bosTokenId;
      this.endId = framing.eosTokenId;
      this.padId = framing.padTokenId;
      return;
    }
    const cls = this.tokenizer.token_to_id('[CLS]');
    const pad = this.tokenizer.token_to_id('[PAD]');
    if (cls === undefined || pad === undefined) {
      throw new Error('tokenizer.json must define the [CLS] and [PAD] tokens (docs/contracts.md §4)');
    }
    this.startId = cls;
    this.endId = null;
    this.padId = pad;
  }

  /** Word tokens a segment keeps at most (L minus the special tokens). */
  get wordBudget(): number {
    return this.maxTokens - (this.endId === null ? 1 : 2);
  }

  /** Word ids of one text, without special tokens and without truncation. */
  wordIds(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /**
   * How much of `text` reaches the model. The tokenizer reports no character offsets, so the cut
   * is the longest prefix whose tokens fit the budget (binary search over prefix lengths; a
   * prefix never tokenises to more tokens than the text it starts).
   */
  cut(text: string): TextCut {
    const wordTokens = this.wordIds(text).length;
    const budget = this.wordBudget;
    if (wordTokens <= budget) return { wordTokens, keptWordTokens: wordTokens, keptChars: text.length };
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.wordIds(text.slice(0, mid)).length <= budget) lo = mid;
      else hi = mid - 1;
    }
    return { wordTokens, keptWordTokens: budget, keptChars: lo };
  }

  encodeSegments(texts: readonly string[]): SegmentTokens {
    const L = this.maxTokens;
    const ids = new Int32Array(texts.length * L).fill(this.padId);
    const attentionMask = new Int32Array(texts.length * L);
    const tokenCounts = new Int32Array(texts.length);
    const truncated: TruncationReport[] = [];
    const specials = this.endId === null ? 1 : 2;
    texts.forEach((text, s) => {
      const words = this.wordIds(text);
      const keptWords = words.slice(0, L - specials);
      const kept = this.endId === null ? [this.startId, ...keptWords] : [this.startId, ...keptWords, this.endId];
      if (words.length + specials > L) truncated.push({ segment: s, needed: words.length + specials, kept: L });
      ids.set(kept, s * L);
      const attended = this.endId === null ? kept.length : L;
      attentionMask.fill(1, s * L, s * L + attended);
      tokenCounts[s] = attended;
    });
    return { segmentCount: texts.length, maxTokens: L, ids, attentionMask, tokenCounts, truncated };
  }
}
