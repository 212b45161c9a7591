import { describe, expect, it } from 'vitest';
import { combineAnswers, completeText, lineLabel, parsePastedAnswer } from './answerParsing';

const BALL = 'ball {major-radius: 120px; minor-radius: 110px; cx: 150px; cy: 300px; angle: 0}';
const OVAL = 'oval {major-radius: 160px; minor-radius: 80px; cx: 360px; cy: 220px; angle: 30}';

describe('completeText', () => {
  it('drops a line that is still arriving, unless the answer is finished', () => {
    expect(completeText(`${BALL}\noval {major-rad`, false)).toBe(`${BALL}\n`);
    expect(completeText('oval {major-rad', false)).toBe('');
    expect(completeText(BALL, true)).toBe(BALL);
  });
});

describe('combineAnswers', () => {
  it('pairs stage-2 descriptions with stage-1 objects and ignores layout lines repeated in stage 2', () => {
    const result = combineAnswers('c', { text: `${BALL}\n${OVAL}`, part: 1 }, { text: `${BALL}\nball {a red ball}\noval {a blue oval}` });
    expect(result.document.blobs.map((b) => b.description)).toEqual(['a red ball', 'a blue oval']);
    expect(result.notes).toEqual(['answer 2, line 1: an object line where a description was expected; ignored']);
  });

  it('a stage-1 preview does not complain about descriptions that stage 2 will write', () => {
    const result = combineAnswers('c', { text: `${BALL}\n${OVAL}\n`, part: 1 });
    expect(result.notes).toEqual([]);
    expect(result.objectLines).toEqual([BALL, OVAL]);
  });

  it('refers rejected lines to the answer they came from', () => {
    const result = combineAnswers('c', { text: `${BALL}\nball {major-radius: 1px; cx: 3px}`, part: 1 }, { text: 'x {one}\ny {two}' });
    expect(result.rejected.map((r) => `${lineLabel(r.part, r.line)}: ${r.reason}`)).toEqual([
      'answer 1, line 2: missing minor-radius, cy',
      'answer 2, line 2: description without a matching blob-parameter line',
    ]);
  });

  it('reports an over-long caption through the layout codec instead of producing an invalid document', () => {
    const result = combineAnswers('x'.repeat(5000), { text: BALL, part: 1 });
    expect(result.document.caption).toBe('');
    expect(result.rejected.some((r) => r.line === 0 && /caption/.test(r.reason))).toBe(true);
  });
});

describe('parsePastedAnswer', () => {
  it('reads both parts from one pasted answer, with line numbers of the paste', () => {
    const result = parsePastedAnswer('c', `Here you go:\n${BALL}\n${OVAL}\nball {a red ball}\noval {a blue oval}\nbye`);
    expect(result.document.blobs.map((b) => b.description)).toEqual(['a red ball', 'a blue oval']);
    expect(result.rejected).toEqual([]);
    const broken = parsePastedAnswer('c', `${BALL}\ncx: 1px; cy: 2px`);
    expect(broken.rejected.map((r) => lineLabel(r.part, r.line))).toEqual(['line 2']);
  });
});
