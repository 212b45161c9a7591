import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { serializeLayoutJson } from '../../layout/layoutJson';
import { embedLayoutInPng } from '../../png/layoutPngMetadata';
import { readPngChunks, writePngChunks } from '../../png/pngChunks';
import { makeItxtChunk } from '../../png/pngTextChunk';
import { makeTestPng } from '../../png/testPng.fixture';
import { useStudioSettings } from '../settings/settingsStore';
import { classifyDroppedFile } from './classifyDroppedFile';
import { handleDroppedFile } from './handleDroppedFile';

const document = {
  caption: 'a plain blue background',
  blobs: [{ id: 'b1', cx: 0.25, cy: 0.5, a: 0.2, b: 0.1, theta: 0.5, description: 'a red blob with white stripes' }],
};
const settings = { seed: 1234, steps: 12, guidance: 2.5, sampler: 'dpmpp-2m' };
const layoutObject = JSON.parse(serializeLayoutJson(document)) as unknown;

const pngFile = (bytes: Uint8Array, name = 'image.png') => new File([bytes as BlobPart], name, { type: 'image/png' });
function pngWithText(text: string): Uint8Array {
  const chunks = readPngChunks(makeTestPng());
  return writePngChunks([...chunks.slice(0, -1), makeItxtChunk('blobgen-layout', text), ...chunks.slice(-1)]);
}

describe('classifyDroppedFile', () => {
  it('reads the exact layout and settings out of one of our PNGs', async () => {
    const route = await classifyDroppedFile(pngFile(embedLayoutInPng(makeTestPng(), layoutObject, settings)));
    expect(route).toMatchObject({ kind: 'layout-png', document, settings, warnings: [] });
  });

  it('recognises a PNG by its bytes even without a name or type', async () => {
    const route = await classifyDroppedFile(new File([embedLayoutInPng(makeTestPng(), layoutObject, settings) as BlobPart], 'download'));
    expect(route.kind).toBe('layout-png');
  });

  it('explains a PNG without a layout', async () => {
    const route = await classifyDroppedFile(pngFile(makeTestPng(), 'photo.png'));
    expect(route).toMatchObject({ kind: 'refused', title: expect.stringMatching(/has no layout.*photo\.png/) });
  });

  it('refuses hostile embedded layouts and settings', async () => {
    const envelope = (layout: unknown, s: unknown = settings) => JSON.stringify({ format: 'blobgen-png', version: 1, layout, settings: s });
    const hostile = [
      envelope({ format: 'blobgen-layout', version: 1, caption: 'x', blobs: [{ ...document.blobs[0], a: -1 }] }),
      envelope({ format: 'blobgen-layout', version: 1, caption: 'x', blobs: Array.from({ length: 100_000 }, () => document.blobs[0]) }),
      envelope({ format: 'blobgen-layout', version: 99, caption: 'x', blobs: [] }),
      envelope({ format: 'something-else' }),
      envelope(layoutObject, { ...settings, steps: 1e9 }),
      envelope(layoutObject, { ...settings, seed: 'seven' }),
      '{"format":"blobgen-png","version":1,"layout":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
      'not json',
    ];
    for (const text of hostile) {
      const route = await classifyDroppedFile(pngFile(pngWithText(text)));
      expect(route.kind, text.slice(0, 80)).toBe('refused');
    }
  });

  it('refuses damaged PNGs, fake PNGs and other images; leaves text to the layout importer', async () => {
    const good = embedLayoutInPng(makeTestPng(), layoutObject, settings);
    expect(await classifyDroppedFile(pngFile(good.slice(0, good.length - 30)))).toMatchObject({ kind: 'refused', details: [expect.stringMatching(/truncated/)] });
    expect(await classifyDroppedFile(pngFile(new TextEncoder().encode('{"format":"blobgen-layout"}'), 'layout.png'))).toMatchObject({
      kind: 'refused',
      title: expect.stringMatching(/not one/),
    });
    expect(await classifyDroppedFile(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0])], 'photo.jpg', { type: 'image/jpeg' }))).toMatchObject({
      kind: 'refused',
      title: expect.stringMatching(/JPEG image without a layout/),
    });
    expect(await classifyDroppedFile(new File([serializeLayoutJson(document)], 'layout.json', { type: 'application/json' }))).toEqual({ kind: 'layout-text' });
    expect(await classifyDroppedFile(new File(['{"broken'], 'x.json'))).toEqual({ kind: 'layout-text' });
  });

  it('never throws and never accepts a mutated PNG whose layout is not exactly ours', async () => {
    const good = embedLayoutInPng(makeTestPng(), layoutObject, settings);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), async (edits) => {
        const bytes = good.slice();
        for (const [at, value] of edits) bytes[at] = value;
        const route = await classifyDroppedFile(pngFile(bytes));
        if (route.kind === 'layout-png') expect(route.document).toEqual(document);
      }),
      { seed: 7, numRuns: 150 },
    );
  });
});

describe('handleDroppedFile', () => {
  it('restores layout and settings (seed locked) for our PNG, and touches nothing otherwise', async () => {
    const handlers = { importLayoutFile: vi.fn(() => true), restoreLayout: vi.fn(), notify: vi.fn() };
    expect(await handleDroppedFile(pngFile(embedLayoutInPng(makeTestPng(), layoutObject, settings)), handlers)).toBe(true);
    expect(handlers.restoreLayout).toHaveBeenCalledWith(document);
    expect(useStudioSettings.getState()).toMatchObject({ seed: 1234, seedLocked: true, steps: 12, guidance: 2.5, sampler: 'dpmpp-2m' });
    expect(handlers.notify).toHaveBeenLastCalledWith('success', expect.stringMatching(/Restored 1 blob.*seed 1234/), expect.any(Array));

    useStudioSettings.setState({ seed: 5, steps: 30 });
    handlers.restoreLayout.mockClear();
    expect(await handleDroppedFile(pngFile(makeTestPng()), handlers)).toBe(false);
    expect(await handleDroppedFile(pngFile(pngWithText('{"format":"blobgen-png"}')), handlers)).toBe(false);
    expect(handlers.restoreLayout).not.toHaveBeenCalled();
    expect(handlers.importLayoutFile).not.toHaveBeenCalled();
    expect(useStudioSettings.getState()).toMatchObject({ seed: 5, steps: 30 });
    expect(handlers.notify).toHaveBeenLastCalledWith('error', expect.any(String), expect.any(Array));

    const json = new File(['{}'], 'l.json');
    await handleDroppedFile(json, handlers);
    expect(handlers.importLayoutFile).toHaveBeenCalledWith(json);
  });

  it('restores the rest and warns when the sampler is unknown here', async () => {
    const handlers = { importLayoutFile: vi.fn(() => true), restoreLayout: vi.fn(), notify: vi.fn() };
    await handleDroppedFile(pngFile(embedLayoutInPng(makeTestPng(), layoutObject, { ...settings, sampler: 'euler-a' })), handlers);
    expect(handlers.restoreLayout).toHaveBeenCalled();
    expect(handlers.notify).toHaveBeenLastCalledWith('warning', expect.any(String), expect.arrayContaining([expect.stringMatching(/euler-a/)]));
  });
});
