/**
 * Which words of a caption or description a closed-vocabulary pack does not know, and what to
 * type instead. Our trained packs (the default one among them) use a BERT-style tokenizer whose
 * vocabulary is a small list of whole words: it lower-cases, strips accents, splits on spaces
 * and punctuation, and any other word becomes [UNK], which conditions nothing. So a word is
 * known exactly when its normalised form is in the pack's whole-word list.
 *
 * Open-vocabulary packs (CLIP) have no such list (src/llm/packVocabulary.ts gives none); with no
 * word list nothing is marked. Pure: the editor marks the words (src/editor/vocabulary/).
 */

/** The words a pack knows (lower-case whole words, as src/llm/packVocabulary.ts lists them). */
export interface KnownWords {
  words: readonly string[];
}

export interface WordSpan {
  /** The word as typed. */
  word: string;
  /** UTF-16 offsets into the text: text.slice(start, end) === word. */
  start: number;
  end: number;
}

export interface UnknownWord extends WordSpan {
  /** A known word the person probably meant, when one is close enough. */
  suggestion?: string;
}

/**
 * Words people type that the default pack spells or names differently. Only used when the
 * replacement is in the pack's vocabulary, so a pack that knows "grey" keeps it.
 */
const KNOWN_SYNONYMS: Readonly<Record<string, string>> = {
  grey: 'gray',
  colour: 'colored',
  coloured: 'colored',
  chequered: 'checkered',
  checked: 'checkered',
  checker: 'checkered',
  plaid: 'checkered',
  spotted: 'dotted',
  polka: 'dotted',
  dotty: 'dotted',
  stripy: 'striped',
  stripey: 'striped',
  lined: 'striped',
  circular: 'round',
  sphere: 'ball',
  disc: 'circle',
  disk: 'circle',
  ring: 'circle',
  elliptical: 'ellipse',
  egg: 'oval',
  violet: 'purple',
  lilac: 'purple',
  magenta: 'pink',
  rose: 'pink',
  crimson: 'red',
  scarlet: 'red',
  maroon: 'red',
  navy: 'blue',
  cyan: 'blue',
  teal: 'green',
  lime: 'green',
  olive: 'green',
  gold: 'yellow',
  golden: 'yellow',
  amber: 'orange',
  ginger: 'orange',
  tan: 'brown',
  beige: 'brown',
  silver: 'gray',
  grass: 'ground',
  floor: 'ground',
  backdrop: 'background',
  photo: 'picture',
  pale: 'light',
  glowing: 'bright',
  shiny: 'bright',
  atop: 'on',
  beneath: 'under',
};

/** Letters, digits and combining marks: the BERT pre-tokenizer splits on everything else. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The tokenizer's normalisation: lower case, accents stripped (BertNormalizer). */
export function normaliseWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function wordSpans(text: string): WordSpan[] {
  return [...text.matchAll(WORD)].map((match) => ({ word: match[0], start: match.index, end: match.index + match[0].length }));
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment), by code point. */
export function editDistance(x: string, y: string): number {
  const a = [...x];
  const b = [...y];
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * Typos allowed before a known word stops being a likely meaning: none up to 3 letters (one edit
 * turns "cat" into "at" or "hat": another word, not a typo), 1 up to 5 letters, 2 from 6.
 */
function typoBudget(word: string): number {
  const length = [...word].length;
  return length >= 6 ? 2 : length >= 4 ? 1 : 0;
}

/** The known word the person most likely meant: a known synonym, else the nearest spelling. */
export function suggestWord(word: string, known: ReadonlySet<string>): string | undefined {
  return suggestAmong(word, known, [...known].sort());
}

/** `sortedKnown` is `known` in sorted order (ties between equally near words go to the first). */
function suggestAmong(word: string, known: ReadonlySet<string>, sortedKnown: readonly string[]): string | undefined {
  const normal = normaliseWord(word);
  const synonym = KNOWN_SYNONYMS[normal];
  if (synonym !== undefined && known.has(synonym)) return synonym;
  // A plural or -ed form of a known word ("balls" when only "ball" is known).
  for (const stem of [normal.replace(/e?s$/, ''), normal.replace(/e?d$/, '')]) {
    if (stem !== normal && stem.length >= 3 && known.has(stem)) return stem;
  }
  let best: string | undefined;
  let bestDistance = typoBudget(normal) + 1;
  for (const candidate of sortedKnown) {
    if (Math.abs(candidate.length - normal.length) > bestDistance) continue;
    const distance = editDistance(normal, candidate);
    // Ties go to the candidate sharing the first letter (people rarely mistype that one).
    const better = distance < bestDistance || (distance === bestDistance && best !== undefined && best[0] !== normal[0] && candidate[0] === normal[0]);
    if (better) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The vocabulary as a set and in sorted order, built once per vocabulary (the check runs per keystroke). */
const lookups = new WeakMap<KnownWords, { known: ReadonlySet<string>; sortedKnown: readonly string[] }>();
function lookupFor(vocabulary: KnownWords): { known: ReadonlySet<string>; sortedKnown: readonly string[] } {
  let lookup = lookups.get(vocabulary);
  if (!lookup) {
    const known = new Set(vocabulary.words);
    lookup = { known, sortedKnown: [...known].sort() };
    lookups.set(vocabulary, lookup);
  }
  return lookup;
}

/** Every word of `text` the pack does not know, in order; none when the pack has no word list. */
export function findUnknownWords(text: string, vocabulary: KnownWords | undefined): UnknownWord[] {
  if (!vocabulary || vocabulary.words.length === 0) return [];
  const { known, sortedKnown } = lookupFor(vocabulary);
  const unknown = wordSpans(text).filter((span) => !known.has(normaliseWord(span.word)));
  if (unknown.length === 0) return [];
  return unknown
    .map((span) => {
      const suggestion = suggestAmong(span.word, known, sortedKnown);
      return suggestion === undefined ? span : { ...span, suggestion };
    });
}

/** Keeps a leading capital ("Grey" → "Gray"); the tokenizer lower-cases anyway, the person sees their style. */
function matchCase(typed: string, replacement: string): string {
  const first = typed.charAt(0);
  return first !== first.toLowerCase() ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

/** The text with one marked word replaced by its suggestion (or by `replacement`). */
export function replaceWord(text: string, span: WordSpan, replacement: string): string {
  if (text.slice(span.start, span.end) !== span.word) return text; // the text moved on; change nothing
  return text.slice(0, span.start) + matchCase(span.word, replacement) + text.slice(span.end);
}
