/**
 * Import fuzzing (issue #20 §7): hostile layouts through every import route — paste, file, drop
 * (the app's drop classifier, then the same importer), link (`#layout=` and old `?layout=`) and
 * PNG metadata. Nothing may throw, `Object.prototype` stays intact, the document in the store is
 * always a legal layout, and a refused import leaves it exactly as it was. CI runs a fixed small
 * budget; `npm run bench:fuzz` runs 10 000 layouts (BLOBGEN_FUZZ_RUNS). It lives in bench/ because it
 * drives both the editor's importer and the studio's drop classifier, which src/editor may not import.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeLayoutJson } from '../src/layout/layoutJson';
import { decodeLayoutLinkValue, encodeLayoutLinkValue } from '../src/layout/layoutLink';
import { layoutBodySchema } from '../src/layout/layoutSchema';
import { serializeLlmLayout } from '../src/layout/llmFormat';
import { embedLayoutInPng } from '../src/png/layoutPngMetadata';
import { makeTestPng } from '../src/png/testPng.fixture';
import { getDocument } from '../src/store/documentStore';
import { resetDocument } from '../src/store/history';
import { useSessionStore } from '../src/store/sessionStore';
import { classifyDroppedFile } from '../src/studio/drop/classifyDroppedFile';
import { decodeLayoutParam, encodeLayoutParam } from '../src/editor/importExport/decodeLayoutParam';
import { importLayoutFile, importLayoutJsonText, importLayoutText } from '../src/editor/importExport/importLayout';

const RUNS = Number(process.env.BLOBGEN_FUZZ_RUNS ?? 150);

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '<img src=x onerror=alert(1)>', '😀'.repeat(501), '\ud83d', 'cx: 1px; cy: 2px'),
);
const hostileNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e308, -1e-308, Number.NaN, Infinity), fc.string({ maxLength: 5 }), fc.constant(null));
const hostileBlob = fc.record(
  { id: fc.oneof(hostileString, fc.anything()), cx: hostileNumber, cy: hostileNumber, a: hostileNumber, b: hostileNumber, theta: hostileNumber, description: fc.oneof(hostileString, fc.anything()), hidden: fc.anything(), locked: fc.anything() },
  { requiredKeys: [] },
);
const hostileLayout = fc.record(
  {
    format: fc.oneof(fc.constant('blobgen-layout'), fc.anything()),
    version: fc.oneof(fc.constant(1), fc.constant(2), fc.anything()),
    caption: fc.oneof(hostileString, fc.anything()),
    blobs: fc.oneof(fc.array(hostileBlob, { maxLength: 70 }), fc.anything()),
  },
  { requiredKeys: [] },
);

/** Text forms of a hostile layout: its JSON, JSON with a prototype-polluting key, a cut-off copy, LLM lines, raw text. */
const hostileText = fc.oneof(
  hostileLayout.map((value) => JSON.stringify(value) ?? ''),
  hostileLayout.map((value) => (JSON.stringify(value) ?? '{}').replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},')),
  fc.tuple(hostileLayout, fc.nat()).map(([value, cut]) => {
    const text = JSON.stringify(value) ?? '';
    return text.slice(0, cut % (text.length + 1));
  }),
  fc.array(hostileBlob, { maxLength: 70 }).map((blobs) =>
    serializeLlmLayout({ caption: 'c', blobs: blobs.map((b, i) => ({ id: `b${String(i)}`, cx: Number(b.cx) || 0, cy: Number(b.cy) || 0, a: Number(b.a) || 0, b: Number(b.b) || 0, theta: Number(b.theta) || 0, description: typeof b.description === 'string' ? b.description : '' })) }),
  ),
  fc.string({ unit: 'binary', maxLength: 2000 }),
);

const settings = { seed: 7, steps: 20, guidance: 3, sampler: 'ddim' };
const png = makeTestPng();
const existing = { caption: 'kept', blobs: [{ id: 'k', cx: 0.3, cy: 0.3, a: 0.1, b: 0.1, theta: 0, description: 'mine' }] };

/** Runs one import; the document must be legal afterwards, and unchanged when it was refused. */
async function route(run: () => Promise<boolean> | boolean): Promise<void> {
  resetDocument(existing);
  const before = JSON.stringify(getDocument());
  const imported = await run();
  const after = getDocument();
  expect(layoutBodySchema.safeParse(after).success).toBe(true);
  expect(JSON.parse(serializeLayoutJson(after))).toBeTruthy();
  if (!imported) expect(JSON.stringify(after)).toBe(before);
}

beforeAll(() => {
  useSessionStore.setState({ notices: [] });
});

describe('import routes fuzz', () => {
  it(`${String(RUNS)} hostile layouts through paste, file, drop, link and PNG: nothing throws, Object.prototype intact`, async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let imports = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, hostileLayout, async (text, value) => {
        const bytes = new TextEncoder().encode(text);
        await route(() => importLayoutText(text, 'the pasted text'));
        await route(() => importLayoutFile(new File([bytes], 'layout.json', { type: 'application/json' })));
        await route(async () => {
          const file = new File([bytes], 'dropped.txt', { type: 'text/plain' });
          const classified = await classifyDroppedFile(file);
          return classified.kind === 'layout-text' ? importLayoutFile(file) : false;
        });
        await route(async () => {
          const link = await decodeLayoutLinkValue(await encodeLayoutLinkValue(text));
          return link.ok ? importLayoutJsonText(link.text, 'the link’s layout') : false;
        });
        await route(() => {
          const old = decodeLayoutParam(encodeLayoutParam(text));
          return old.ok ? importLayoutJsonText(old.text, 'the link’s layout') : false;
        });
        await route(async () => {
          let withLayout: Uint8Array;
          try {
            withLayout = embedLayoutInPng(png, value, settings);
          } catch {
            return false; // a layout JSON cannot represent (e.g. a BigInt) is no PNG at all
          }
          const classified = await classifyDroppedFile(new File([withLayout as BlobPart], 'image.png', { type: 'image/png' }));
          if (classified.kind !== 'layout-png') return false;
          resetDocument(classified.document);
          return true;
        });
        imports += 6;
      }),
      { numRuns: RUNS },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(`import fuzz: ${String(RUNS)} hostile layouts, ${String(imports)} imports through 6 routes, 0 uncaught errors`);
  });
});
