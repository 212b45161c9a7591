import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { embedLayoutInPng, readLayoutFromPng } from './layoutPngMetadata';
import { readPngChunks, writePngChunks } from './pngChunks';
import { makeItxtChunk } from './pngTextChunk';
import { makeTestPng } from './testPng.fixture';
import { GUIDANCE_MAX } from '../engine/samplingSettings';
import { MAX_CAPTION_LENGTH } from '../layout/limits';

const layout = {
  format: 'blobgen-layout',
  version: 1,
  caption: 'a red ball on a blue background — ünïcödé ✓',
  blobs: [{ id: 'b1', cx: 0.5, cy: 0.25, a: 0.2, b: 0.1, theta: 0.3, description: 'a red ball' }],
};
const settings = { seed: 7, steps: 20, guidance: 3, sampler: 'ddim' };

describe('PNG with embedded layout', () => {
  it('round-trips the exact layout and settings and keeps the image chunks', () => {
    const png = makeTestPng();
    const withLayout = embedLayoutInPng(png, layout, settings);
    const result = readLayoutFromPng(withLayout);
    expect(result).toEqual({ ok: true, layoutJson: JSON.stringify(layout), settings });
    const before = readPngChunks(png).map((c) => c.type);
    const after = readPngChunks(withLayout).map((c) => c.type);
    expect(after).toEqual([...before.slice(0, -1), 'iTXt', 'IEND']);
    expect(readPngChunks(withLayout)[1]?.data).toEqual(readPngChunks(png)[1]?.data);
  });

  it('replaces, not duplicates, an existing embedded layout', () => {
    const once = embedLayoutInPng(makeTestPng(), layout, settings);
    const twice = embedLayoutInPng(once, { ...layout, caption: 'second' }, { ...settings, seed: 8 });
    expect(readPngChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    const result = readLayoutFromPng(twice);
    expect(result.ok && JSON.parse(result.layoutJson).caption).toBe('second');
  });

  it('explains a PNG without a layout, and a file that is not a PNG', () => {
    expect(readLayoutFromPng(makeTestPng())).toMatchObject({ ok: false, reason: 'no-layout' });
    expect(readLayoutFromPng(new TextEncoder().encode('{"format":"blobgen-layout"}'))).toMatchObject({ ok: false, reason: 'not-png' });
  });

  it('reports corrupt CRCs, truncation and forged lengths', () => {
    const png = embedLayoutInPng(makeTestPng(), layout, settings);
    const flipped = png.slice();
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    expect(readLayoutFromPng(flipped)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(readLayoutFromPng(png.slice(0, png.length - 20))).toMatchObject({ ok: false, message: expect.stringMatching(/truncated/) });
    const forged = png.slice();
    new DataView(forged.buffer).setUint32(8, 0x7fffffff);
    expect(readLayoutFromPng(forged)).toMatchObject({ ok: false, message: expect.stringMatching(/truncated/) });
  });

  it('rejects embedded metadata that is malformed or has hostile settings', () => {
    const base = readPngChunks(makeTestPng());
    const withText = (text: string) => writePngChunks([...base.slice(0, -1), makeItxtChunk('blobgen-layout', text), ...base.slice(-1)]);
    expect(readLayoutFromPng(withText('{not json'))).toMatchObject({ ok: false, reason: 'invalid' });
    const hostile = JSON.stringify({ format: 'blobgen-png', version: 1, layout, settings: { ...settings, seed: -1 } });
    expect(readLayoutFromPng(withText(hostile))).toMatchObject({ ok: false, message: expect.stringMatching(/settings\.seed/) });
    const proto = `{"format":"blobgen-png","version":1,"layout":{},"settings":${JSON.stringify(settings)},"__proto__":{"polluted":true}}`;
    const result = readLayoutFromPng(withText(proto));
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads PNGs written before the rename, whose settings name the sampler `scheduler`', () => {
    const base = readPngChunks(makeTestPng());
    const { sampler, ...rest } = settings;
    const legacy = JSON.stringify({ format: 'blobgen-png', version: 1, layout, settings: { ...rest, scheduler: sampler } });
    const png = writePngChunks([...base.slice(0, -1), makeItxtChunk('blobgen-layout', legacy), ...base.slice(-1)]);
    expect(readLayoutFromPng(png)).toEqual({ ok: true, layoutJson: JSON.stringify(layout), settings });
    // New files carry only the new name.
    const rewritten = readPngChunks(embedLayoutInPng(png, layout, settings)).find((c) => c.type === 'iTXt');
    const text = new TextDecoder().decode(rewritten?.data);
    expect(text).toContain('"sampler":"ddim"');
    expect(text).not.toContain('scheduler');
  });

  it('carries the negative caption and restores it; a PNG without one (all older PNGs) reads as none', () => {
    const withNegative = { ...settings, negativeCaption: 'blurry, low quality — ünïcödé' };
    expect(readLayoutFromPng(embedLayoutInPng(makeTestPng(), layout, withNegative))).toEqual({ ok: true, layoutJson: JSON.stringify(layout), settings: withNegative });
    const older = readLayoutFromPng(embedLayoutInPng(makeTestPng(), layout, settings));
    expect(older.ok && Object.hasOwn(older.settings, 'negativeCaption')).toBe(false);
  });

  it('refuses a negative caption longer than a caption may be', () => {
    const base = readPngChunks(makeTestPng());
    const text = JSON.stringify({ format: 'blobgen-png', version: 1, layout, settings: { ...settings, negativeCaption: 'x'.repeat(MAX_CAPTION_LENGTH + 1) } });
    const png = writePngChunks([...base.slice(0, -1), makeItxtChunk('blobgen-layout', text), ...base.slice(-1)]);
    expect(readLayoutFromPng(png)).toMatchObject({ ok: false, message: expect.stringMatching(/settings\.negativeCaption/) });
  });

  it('refuses guidance outside the range the engine accepts', () => {
    const base = readPngChunks(makeTestPng());
    const text = JSON.stringify({ format: 'blobgen-png', version: 1, layout, settings: { ...settings, guidance: GUIDANCE_MAX + 1 } });
    const png = writePngChunks([...base.slice(0, -1), makeItxtChunk('blobgen-layout', text), ...base.slice(-1)]);
    expect(readLayoutFromPng(png)).toMatchObject({ ok: false, message: expect.stringMatching(/settings\.guidance/) });
  });

  it('never throws on arbitrary byte mutations', () => {
    const png = embedLayoutInPng(makeTestPng(), layout, settings);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(png.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(png.length), (edits, cut) => {
        const bytes = png.slice(0, Math.max(cut, 1));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        const result = readLayoutFromPng(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
