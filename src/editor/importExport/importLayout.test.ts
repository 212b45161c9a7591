import { beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '../../store/documentStore';
import { resetDocument, undo } from '../../store/history';
import { useSessionStore } from '../../store/sessionStore';
import { UTF8_ERROR } from '../../layout/strictUtf8';
import { importLayoutFile, importLayoutText, looksLikeLayoutJson } from './importLayout';

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

describe('import routes agree (issue #20)', () => {
  const hasLoneSurrogate = (text: string) => /\p{Cs}/u.test(text);

  it('a text whose blob lines are all rejected changes nothing, even with a caption', () => {
    const text = [
      'caption: a garden',
      'object {major-radius: 0px; minor-radius: 64px; cx: 256px; cy: 256px; angle: 0}',
      'object {major-radius: -5px; minor-radius: 64px; cx: 256px; cy: 256px; angle: 0}',
      'object {a rose}',
      'object {a tulip}',
    ].join('\n');
    expect(importLayoutText(text, 'the pasted text')).toBe(false);
    expect(getDocument()).toEqual(existing);
    expect(lastNotice()?.tone).toBe('error');
    expect(lastNotice()?.title).toMatch(/^Nothing was imported: none of the blob lines/);
    expect(lastNotice()?.details.join('\n')).toMatch(/Line 2 ignored/);
  });

  it('a caption-only LLM text is still a layout', () => {
    expect(importLayoutText('caption: an empty beach', 'the pasted text')).toBe(true);
    expect(getDocument()).toMatchObject({ caption: 'an empty beach', blobs: [] });
  });

  it('a file that is not valid UTF-8 is refused with the link’s message', async () => {
    const bytes = new Uint8Array([0x41, 0xff, 0xfe, 0xc3, 0x28, 0x42]);
    expect(await importLayoutFile(new File([bytes], 'layout.txt', { type: 'text/plain' }))).toBe(false);
    expect(getDocument()).toEqual(existing);
    expect(lastNotice()?.tone).toBe('error');
    expect(lastNotice()?.details.join('\n')).toContain(UTF8_ERROR);
  });

  it('a PNG given to the text importer is named as an image, never read as LLM-format lines', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 10, 123, 10, 0x7b]);
    expect(await importLayoutFile(new File([png], 'picture.png', { type: 'image/png' }))).toBe(false);
    expect(getDocument()).toEqual(existing);
    expect(lastNotice()?.title).not.toMatch(/LLM|layout lines/);
    expect(lastNotice()?.details.join('\n')).not.toMatch(/Line \d+ ignored/);
  });

  it('notices quote rejected lines without cutting an emoji in half', () => {
    const text = `${'😀'.repeat(50)} {major-radius: 0px; minor-radius: 64px; cx: 256px; cy: 256px; angle: 0}\nobject {x}`;
    importLayoutText(text, 'the pasted text');
    const notice = lastNotice();
    expect(notice?.tone).toBe('error');
    expect([notice?.title ?? '', ...(notice?.details ?? [])].some(hasLoneSurrogate)).toBe(false);
  });
});
