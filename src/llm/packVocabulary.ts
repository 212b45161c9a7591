/**
 * The words a closed-vocabulary pack knows, for the prompt. Our trained packs (tokenizer kind
 * `wordpiece-cls`, the default pack among them) were trained on a small synthetic world: a word
 * outside their tokenizer's vocabulary becomes [UNK] and conditions nothing, so the prompt lists
 * the pack's colours, its domain summary and its whole word list and asks the model to use only
 * those. CLIP packs (Stable Diffusion) read open English, so they get no list.
 *
 * The source is structural: the worker's `info` answer (PackDescription) fits it in the app,
 * and the CLI builds the same shape from the pack folder.
 */
import { z } from 'zod';

export interface PackVocabularySource {
  name?: string;
  /** The pack's one-line description; used when it has no domain summary. */
  description?: string;
  /** The manifest's `domain.summary`, when the source carries it. */
  summary?: string;
  /** The manifest's `conditioning.maxBlobs`, when the source carries it. */
  maxBlobs?: number;
  tokenizer: { vocabulary: object; framing: { kind: string } };
  colours?: Record<string, readonly number[]>;
}

export interface PackVocabulary {
  packName: string;
  summary: string;
  colours: string[];
  /** Every whole word of the tokenizer, sorted; empty for open-vocabulary packs. */
  words: string[];
  /** The most blobs the pack was made for (manifest `conditioning.maxBlobs`), when it says. */
  maxObjects?: number;
}

/** A pack with more words than this is not a small closed world; listing them would drown the prompt. */
export const MAX_LISTED_WORDS = 600;

const tokenizerVocabSchema = z.object({
  model: z.object({ vocab: z.union([z.record(z.string(), z.number()), z.array(z.tuple([z.string(), z.number()]))]) }),
});

function tokenizerWords(tokenizerJson: object): string[] {
  const parsed = tokenizerVocabSchema.safeParse(tokenizerJson);
  if (!parsed.success) return [];
  const vocab = parsed.data.model.vocab;
  const tokens = Array.isArray(vocab) ? vocab.map(([token]) => token) : Object.keys(vocab);
  // Whole words only: no [SPECIAL] tokens, punctuation or ##subword pieces.
  return [...new Set(tokens.filter((t) => /^\p{L}[\p{L}'-]*$/u.test(t)).map((t) => t.toLowerCase()))].sort();
}

/** The pack's vocabulary when it is closed (wordpiece-cls framing), else undefined. */
export function packVocabulary(source: PackVocabularySource): PackVocabulary | undefined {
  if (source.tokenizer.framing.kind !== 'cls') return undefined;
  const words = tokenizerWords(source.tokenizer.vocabulary);
  if (words.length === 0 || words.length > MAX_LISTED_WORDS) return undefined;
  return {
    packName: source.name ?? 'the model pack',
    summary: (source.summary ?? source.description ?? '').trim(),
    colours: Object.keys(source.colours ?? {}),
    words,
    ...(source.maxBlobs ? { maxObjects: source.maxBlobs } : {}),
  };
}
