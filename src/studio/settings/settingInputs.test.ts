import { describe, expect, it } from 'vitest';
import { parseGuidanceInput, parseSeedInput, parseStepsInput } from './settingInputs';

describe('setting inputs', () => {
  it('accepts plain numbers in range', () => {
    expect(parseSeedInput(' 4294967295 ')).toEqual({ ok: true, value: 4294967295 });
    expect(parseStepsInput('20')).toEqual({ ok: true, value: 20 });
    expect(parseGuidanceInput('3.5')).toEqual({ ok: true, value: 3.5 });
    expect(parseGuidanceInput('.5')).toEqual({ ok: true, value: 0.5 });
  });

  it('says specifically what is wrong', () => {
    expect(parseSeedInput('')).toEqual({ ok: false, message: 'Enter a seed.' });
    expect(parseSeedInput('-1')).toMatchObject({ message: 'The seed must be between 0 and 4294967295.' });
    expect(parseSeedInput('4294967296')).toMatchObject({ ok: false });
    expect(parseSeedInput('1.5')).toMatchObject({ message: 'The seed must be a whole number.' });
    expect(parseStepsInput('0')).toMatchObject({ message: 'The number of steps must be between 1 and 1000.' });
    expect(parseStepsInput('abc')).toMatchObject({ message: '“abc” is not a number.' });
    expect(parseGuidanceInput('51')).toMatchObject({ message: 'The guidance scale must be between 0 and 50.' });
  });

  it('refuses notations that would be guessed at', () => {
    for (const text of ['1e3', '0x10', 'Infinity', 'NaN', '1,5', '2 0', '--1']) expect(parseStepsInput(text).ok, text).toBe(false);
  });
});
