import { describe, expect, it } from 'vitest';
import tinyTokenizer from '../../engine/__fixtures__/tiny-tokenizer.json';
import { SegmentTokenizer } from '../../engine/segmentTokens';
import { measureTokenBudget } from './tokenBudget';

// The engine's fixture: an 11-word vocabulary. With L = 6: [CLS] + 5 words, or CLIP framing
// ([CLS] standing in for [BOS], [SEP] for [EOS], [PAD] padding) with [BOS] + 4 words + [EOS].
const cls = new SegmentTokenizer(tinyTokenizer, 6);
const clip = new SegmentTokenizer(tinyTokenizer, 6, { kind: 'clip', bosTokenId: 2, eosTokenId: 3, padTokenId: 0 });

describe('measureTokenBudget', () => {
  it('keeps a text that fits whole', () => {
    expect(measureTokenBudget('a red blob', cls)).toEqual({ needed: 4, maxTokens: 6, keptText: 'a red blob', truncatedText: '' });
    expect(measureTokenBudget('', cls)).toMatchObject({ needed: 1, truncatedText: '' });
    expect(measureTokenBudget('a red blob', clip)).toEqual({ needed: 5, maxTokens: 6, keptText: 'a red blob', truncatedText: '' });
  });

  it('cuts exactly where the engine truncates, punctuation and unknown words counting as tokens', () => {
    const budget = measureTokenBudget('A Red, striped blob... zebra!', cls);
    expect(budget.needed).toBe(11);
    expect(budget).toMatchObject({ keptText: 'A Red, striped blob', truncatedText: '... zebra!' });
    // What is kept is exactly what the engine keeps.
    const engine = cls.encodeSegments([budget.keptText + budget.truncatedText, budget.keptText]);
    expect(Array.from(engine.ids.subarray(0, 6))).toEqual(Array.from(engine.ids.subarray(6, 12)));
  });

  it('with CLIP framing two places go to [BOS] and [EOS], so the cut comes one word earlier', () => {
    const text = 'the blob is red with blue stripes on green, plain background';
    const budget = measureTokenBudget(text, clip);
    expect(budget).toMatchObject({ maxTokens: 6, keptText: 'the blob is red', truncatedText: ' with blue stripes on green, plain background' });
    expect(budget.keptText + budget.truncatedText).toBe(text);
    const engine = clip.encodeSegments([text, budget.keptText]);
    expect(engine.truncated).toEqual([{ segment: 0, needed: budget.needed, kept: 6 }]);
    expect(Array.from(engine.ids.subarray(0, 6))).toEqual(Array.from(engine.ids.subarray(6, 12)));
    expect(measureTokenBudget(text, cls).keptText).toBe('the blob is red with');
  });

  it('marks everything when even the first word does not fit', () => {
    expect(measureTokenBudget('red blob', new SegmentTokenizer(tinyTokenizer, 1))).toMatchObject({ keptText: '', truncatedText: 'red blob' });
  });
});
