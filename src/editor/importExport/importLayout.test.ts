import { beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '../../store/documentStore';
import { resetDocument, undo } from '../../store/history';
import { useSessionStore } from '../../store/sessionStore';
import { importLayoutText, looksLikeLayoutJson } from './importLayout';

const valid = JSON.stringify({
  format: 'blobgen-layout', version: 1, caption: 'c',
  blobs: [{ id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'a red ball' }],
});
const lastNotice = () => useSessionStore.getState().notices.at(-1);
const existing = { caption: 'kept', blobs: [{ id: 'k', cx: 0.3, cy: 0.3, a: 0.1, b: 0.1, theta: 0, description: 'mine' }] };

beforeEach(() => {
  resetDocument(existing);
  useSessionStore.setState({ notices: [], selectedId: 'k' });
});

describe('importLayoutText', () => {
  it('replaces the document with a valid layout as one undoable step', () => {
    expect(importLayoutText(valid, 'the pasted text')).toBe(true);
    expect(getDocument().blobs.map((b) => b.id)).toEqual(['b1']);
    expect(lastNotice()).toMatchObject({ tone: 'success' });
    undo();
    expect(getDocument()).toEqual(existing);
  });

  it.each([
    ['empty', '   '],
    ['broken JSON', '{"format":'],
    ['NaN-like', valid.replace('0.2', '-1')],
    ['prose', 'no layout at all'],
  ])('refuses %s, changes nothing and explains', (_name, text) => {
    expect(importLayoutText(text, 'the pasted text')).toBe(false);
    expect(getDocument()).toEqual(existing);
    expect(lastNotice()?.tone).toBe('error');
    expect(lastNotice()?.title).toMatch(/^Nothing was imported/);
  });

  it('reads the LLM format, reporting rejected lines by number', () => {
    const text = [
      'object {major-radius: 128px; minor-radius: 64px; cx: 256px; cy: 256px; angle: 0}',
      'object {major-radius: 0px; minor-radius: 64px; cx: 256px; cy: 256px; angle: 0}',
      'object {a red ball}',
    ].join('\n');
    expect(importLayoutText(text, 'the pasted text')).toBe(true);
    expect(getDocument().blobs).toHaveLength(1);
    expect(getDocument().blobs[0]).toMatchObject({ cx: 0.5, a: 0.25, description: 'a red ball' });
    expect(lastNotice()?.details.join('\n')).toMatch(/Line 2 ignored/);
  });

  it('sends anything JSON-shaped to the JSON importer', () => {
    expect(looksLikeLayoutJson('\uFEFF  {"a":1}')).toBe(true);
    expect(looksLikeLayoutJson('[1]')).toBe(true);
    expect(looksLikeLayoutJson('object {a}')).toBe(false);
  });
});
