/**
 * Text → token ids per segment (docs/contracts.md §4): every segment is tokenised on its own with
 * the pack's tokenizer.json, as [CLS] + word tokens, truncated to L tokens and padded with [PAD].
 * The library's post-processor is bypassed (add_special_tokens: false) and [CLS] is added here, so
 * the contract holds whatever template a tokenizer.json carries.
 */
import { Tokenizer } from '@huggingface/tokenizers';

export interface TruncationReport {
  /** Index into the segment list ([uncond, caption, blob 1 … N]). */
  segment: number;
  /** Tokens the text needed ([CLS] included) and how many were kept. */
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
  /** Valid tokens per segment (≥ 1: [CLS] is always there). */
  tokenCounts: Int32Array;
  truncated: TruncationReport[];
}

export class SegmentTokenizer {
  private readonly tokenizer: Tokenizer;
  private readonly clsId: number;
  private readonly padId: number;

  constructor(
    tokenizerJson: object,
    readonly maxTokens: number,
  ) {
    if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new RangeError(`maxTokens must be ≥ 1, got ${maxTokens}`);
    this.tokenizer = new Tokenizer(tokenizerJson, {});
    const cls = this.tokenizer.token_to_id('[CLS]');
    const pad = this.tokenizer.token_to_id('[PAD]');
    if (cls === undefined || pad === undefined) {
      throw new Error('tokenizer.json must define the [CLS] and [PAD] tokens (docs/contracts.md §4)');
    }
    this.clsId = cls;
    this.padId = pad;
  }

  /** Word ids of one text, without [CLS] and without truncation. */
  wordIds(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  encodeSegments(texts: readonly string[]): SegmentTokens {
    const L = this.maxTokens;
    const ids = new Int32Array(texts.length * L).fill(this.padId);
    const attentionMask = new Int32Array(texts.length * L);
    const tokenCounts = new Int32Array(texts.length);
    const truncated: TruncationReport[] = [];
    texts.forEach((text, s) => {
      const all = [this.clsId, ...this.wordIds(text)];
      const kept = all.slice(0, L);
      if (all.length > L) truncated.push({ segment: s, needed: all.length, kept: L });
      ids.set(kept, s * L);
      attentionMask.fill(1, s * L, s * L + kept.length);
      tokenCounts[s] = kept.length;
    });
    return { segmentCount: texts.length, maxTokens: L, ids, attentionMask, tokenCounts, truncated };
  }
}
