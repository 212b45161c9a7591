/**
 * One text unit everywhere (issue #20 §3): whatever Unicode a caption or description holds —
 * emoji, ZWJ sequences, combining marks, lone surrogates — the importers agree on whether it is
 * legal, and every accepted layout survives every format: Layout JSON, the LLM format, a share
 * link and PNG metadata.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedLayoutInPng, readLayoutFromPng } from '../png/layoutPngMetadata';
import { makeTestPng } from '../png/testPng.fixture';
import { parseLayoutJson, serializeLayoutJson } from './layoutJson';
import { decodeLayoutLinkValue, encodeLayoutLinkValue, MAX_SHARE_LINK_LENGTH } from './layoutLink';
import { MAX_BLOBS, MAX_CAPTION_LENGTH, MAX_DESCRIPTION_LENGTH } from './limits';
import { parseLlmLayout, serializeLlmLayout } from './llmFormat';
import { hasLoneSurrogate, textLength } from './textUnits';
import type { LayoutDocument } from './types';

/** Full Unicode: any code point (lone surrogates included), grapheme clusters, composite ones. */
const unicodeText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'grapheme-composite', maxLength }),
    fc.constantFrom('👩‍👩‍👧‍👦', 'e\u0301\u0302', '\ud83d', '\udc00x', '😀'.repeat(300), '😀'.repeat(501), 'a'.repeat(500)),
  );

const settings = { seed: 7, steps: 20, guidance: 3, sampler: 'ddim' };

function layoutWith(caption: string, descriptions: string[]): LayoutDocument {
  return {
    caption,
    blobs: descriptions.map((description, i) => ({ id: `b${String(i)}`, cx: 0.5, cy: 0.5, a: 0.25, b: 0.125, theta: 0, description })),
  };
}

function legal(text: string, max: number): boolean {
  return textLength(text) <= max && !hasLoneSurrogate(text);
}

/** What the LLM format keeps of a text: one line, trimmed (documented as lossy in llmFormat.ts). */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

describe('one text unit (code points) in every importer', () => {
  it('Layout JSON accepts exactly the texts within the limit and without lone surrogates', () => {
    fc.assert(
      fc.property(unicodeText(520), unicodeText(520), (caption, description) => {
        const result = parseLayoutJson(serializeLayoutJson(layoutWith(caption, [description])));
        expect(result.ok).toBe(legal(caption, MAX_CAPTION_LENGTH) && legal(description, MAX_DESCRIPTION_LENGTH));
      }),
    );
  });

  it('300 emoji (600 UTF-16 units) are one legal description in JSON and in the LLM format', () => {
    const doc = layoutWith('😀'.repeat(MAX_CAPTION_LENGTH), ['😀'.repeat(300)]);
    const json = parseLayoutJson(serializeLayoutJson(doc));
    expect(json.ok && json.document.blobs[0]?.description).toBe('😀'.repeat(300));
    const llm = parseLlmLayout(serializeLlmLayout(doc));
    expect(llm.rejected).toEqual([]);
    expect(llm.document.blobs[0]?.description).toBe('😀'.repeat(300));
    expect(llm.document.caption).toBe('😀'.repeat(MAX_CAPTION_LENGTH));
  });

  it('the LLM format refuses what JSON refuses, and names the count in code points', () => {
    const llm = parseLlmLayout(serializeLlmLayout(layoutWith('', ['😀'.repeat(501)])));
    expect(llm.rejected.map((r) => r.reason).join('\n')).toMatch(/description is 501 characters; the limit is 500/);
    const surrogate = parseLlmLayout(serializeLlmLayout(layoutWith('', ['a\ud83db'])));
    expect(surrogate.document.blobs[0]?.description).toBe('');
    expect(surrogate.rejected.map((r) => r.reason).join('\n')).toMatch(/unpaired surrogate/);
  });
});

describe('every accepted layout round-trips through every format', () => {
  it('JSON, LLM format, share link and PNG metadata', async () => {
    await fc.assert(
      fc.asyncProperty(unicodeText(520), fc.array(unicodeText(520), { maxLength: 4 }), async (caption, descriptions) => {
        const json = parseLayoutJson(serializeLayoutJson(layoutWith(caption, descriptions)));
        fc.pre(json.ok);
        if (!json.ok) return;
        const doc = json.document;
        // Layout JSON: exact.
        expect(parseLayoutJson(serializeLayoutJson(doc))).toMatchObject({ ok: true, document: doc });
        // Share link: exact.
        const link = await decodeLayoutLinkValue(await encodeLayoutLinkValue(serializeLayoutJson(doc)));
        expect(link.ok && parseLayoutJson(link.text)).toMatchObject({ ok: true, document: doc });
        // PNG metadata: exact.
        const png = readLayoutFromPng(embedLayoutInPng(makeTestPng(), JSON.parse(serializeLayoutJson(doc)), settings));
        expect(png.ok && parseLayoutJson(png.layoutJson)).toMatchObject({ ok: true, document: doc });
        // LLM format: no line refused; text kept as one line (its documented normalisation).
        const llm = parseLlmLayout(serializeLlmLayout(doc));
        const paramsLike = (text: string) => /\b(major[-_ ]?radius|minor[-_ ]?radius|cx|cy|angle)\s*[:=]/i.test(text);
        fc.pre(!doc.blobs.some((b) => paramsLike(b.description)) && !paramsLike(doc.caption));
        expect(llm.rejected).toEqual([]);
        expect(llm.document.blobs.map((b) => b.description)).toEqual(doc.blobs.map((b) => oneLine(b.description)));
      }),
      { numRuns: 150 },
    );
  });

  it('the largest legal layout (64 blobs of 500 four-byte code points) round-trips through a link', async () => {
    // Pseudo-random emoji, four UTF-8 bytes each: the text deflate shrinks least.
    const fourByte = (seed: number) => {
      let state = seed * 2654435761 + 1;
      return Array.from({ length: MAX_DESCRIPTION_LENGTH }, () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return String.fromCodePoint(0x1f300 + (Math.floor(state / 65536) % 0x800)); // high bits: an LCG's low bits repeat
      }).join('');
    };
    const doc = layoutWith(fourByte(99), Array.from({ length: MAX_BLOBS }, (_, i) => fourByte(i)));
    const json = serializeLayoutJson(doc);
    expect(parseLayoutJson(json).ok).toBe(true);
    const value = await encodeLayoutLinkValue(json);
    const back = await decodeLayoutLinkValue(value);
    expect(back).toEqual({ ok: true, text: json });
    expect(value.length).toBeLessThan(MAX_SHARE_LINK_LENGTH);
  });
});
