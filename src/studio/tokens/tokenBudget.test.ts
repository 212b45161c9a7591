import { describe, expect, it } from 'vitest';
import tinyTokenizer from '../../engine/__fixtures__/tiny-tokenizer.json';
import { SegmentTokenizer } from '../../engine/segmentTokens';
import { measureTokenBudget } from './tokenBudget';

// The engine's fixture: an 11-word vocabulary with L = 6 ([CLS] + 5 words).
const tokenizer = new SegmentTokenizer(tinyTokenizer, 6);
const count = (text: string) => tokenizer.wordIds(text).length;

describe('measureTokenBudget', () => {
  it('keeps a text that fits whole', () => {
    expect(measureTokenBudget('a red blob', 6, count)).toEqual({ needed: 4, maxTokens: 6, keptText: 'a red blob', truncatedText: '' });
    expect(measureTokenBudget('', 6, count)).toMatchObject({ needed: 1, truncatedText: '' });
  });

  it('cuts exactly where the engine truncates, punctuation and unknown words counting as tokens', () => {
    const budget = measureTokenBudget('A Red, striped blob... zebra!', 6, count);
    expect(budget.needed).toBe(11);
    expect(budget).toMatchObject({ keptText: 'A Red, striped blob', truncatedText: '... zebra!' });
    // What is kept is exactly what the engine keeps.
    const engine = tokenizer.encodeSegments([budget.keptText + budget.truncatedText, budget.keptText]);
    expect(Array.from(engine.ids.subarray(0, 6))).toEqual(Array.from(engine.ids.subarray(6, 12)));
  });

  it('agrees with the engine on every prefix of a long description', () => {
    const text = 'the blob is red with blue stripes on green, plain background';
    const budget = measureTokenBudget(text, 6, count);
    expect(budget.keptText).toBe('the blob is red with');
    expect(tokenizer.encodeSegments([text]).truncated).toEqual([{ segment: 0, needed: budget.needed, kept: 6 }]);
  });

  it('marks everything when even the first word does not fit', () => {
    expect(measureTokenBudget('red blob', 1, count)).toMatchObject({ keptText: '', truncatedText: 'red blob' });
  });
});
