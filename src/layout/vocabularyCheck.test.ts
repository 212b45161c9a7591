import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { editDistance, findUnknownWords, replaceWord, suggestWord, wordSpans } from './vocabularyCheck';

/** The default pack's real tokenizer file, and its whole words as src/llm/packVocabulary.ts lists them. */
const tokenizerJson = JSON.parse(readFileSync('public/models/blobgen-tiny-shapes/tokenizer.json', 'utf8')) as { model: { vocab: Record<string, number> } };
const words = Object.keys(tokenizerJson.model.vocab).filter((t) => /^\p{L}[\p{L}'-]*$/u.test(t));
const pack = { words };
const known = new Set(words);
const tokenizer = new Tokenizer(tokenizerJson, {});
const unkId = tokenizerJson.model.vocab['[UNK]'];

function unknownByTokenizer(text: string): string[] {
  return wordSpans(text)
    .filter((span) => tokenizer.encode(span.word, { add_special_tokens: false }).ids.includes(unkId ?? -1))
    .map((span) => span.word);
}

describe('findUnknownWords', () => {
  it('marks exactly the words the real tokenizer turns into [UNK]', () => {
    const texts = [
      'a grey ball',
      'A RED Ball, with white DOTS!',
      'a ginger cat curled up on a grey fabric sofa',
      'the blue-green oval (striped) is "bright"; café au lait?',
      'a cosy living room at dusk',
      'Red2 balls and 3 spots',
      'a gradient from purple at the top to orange at the bottom',
    ];
    for (const text of texts) {
      expect(findUnknownWords(text, pack).map((mark) => mark.word), text).toEqual(unknownByTokenizer(text));
    }
  });

  it('ignores case and punctuation around known words', () => {
    expect(findUnknownWords('A Red BALL.', pack)).toEqual([]);
    expect(findUnknownWords('(red), "blue"; yellow!', pack)).toEqual([]);
  });

  it('gives each unknown word its place in the text and a suggestion', () => {
    const text = 'a grey ball';
    expect(findUnknownWords(text, pack)).toEqual([{ word: 'grey', start: 2, end: 6, suggestion: 'gray' }]);
  });

  it('marks nothing when the pack has no word list (open vocabulary, or not known yet)', () => {
    expect(findUnknownWords('a grey ball', undefined)).toEqual([]);
    expect(findUnknownWords('a grey ball', { words: [] })).toEqual([]);
  });
});

describe('suggestWord', () => {
  it('uses known synonyms only when the pack knows the replacement', () => {
    expect(suggestWord('grey', known)).toBe('gray');
    expect(suggestWord('Violet', known)).toBe('purple');
    expect(suggestWord('grey', new Set(['red', 'blue']))).toBeUndefined();
    expect(findUnknownWords('a grey ball', { words: ['a', 'grey', 'ball'] })).toEqual([]);
    expect(suggestWord('violet', new Set(['red']))).toBeUndefined();
  });

  it('finds a near spelling, plural or -ed form', () => {
    expect(suggestWord('yelow', known)).toBe('yellow');
    expect(suggestWord('strped', known)).toBe('striped');
    expect(suggestWord('ovals', known)).toBe('oval');
    expect(suggestWord('circels', known)).toBe('circle');
  });

  it('suggests nothing for a word far from every known one', () => {
    expect(suggestWord('sofa', known)).toBeUndefined();
    expect(suggestWord('xylophone', known)).toBeUndefined();
    // A three-letter word one edit from a known word is another word, not a typo ("cat" is not "at").
    expect(suggestWord('cat', new Set(['at', 'hat', 'red']))).toBeUndefined();
    expect(suggestWord('rde', new Set(['red']))).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('grey', 'gray')).toBe(1);
    expect(editDistance('ball', 'blal')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('replaceWord', () => {
  it('replaces one occurrence and keeps a leading capital', () => {
    const text = 'Grey ball, grey sky';
    const [first, second] = findUnknownWords(text, pack);
    expect(first && replaceWord(text, first, 'gray')).toBe('Gray ball, grey sky');
    expect(second && replaceWord(text, second, 'gray')).toBe('Grey ball, gray sky');
  });

  it('changes nothing when the text no longer has the word there', () => {
    expect(replaceWord('a red ball', { word: 'grey', start: 2, end: 6 }, 'gray')).toBe('a red ball');
  });
});
