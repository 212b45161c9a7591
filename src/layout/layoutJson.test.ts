import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbLayoutDocument } from './layoutArbitraries';
import { parseLayoutJson, parseLayoutJsonValue, serializeLayoutJson, type LayoutImportResult } from './layoutJson';
import { MAX_BLOBS, MAX_DESCRIPTION_LENGTH, MAX_IMPORT_BYTES, MIN_RADIUS } from './limits';
import type { LayoutDocument } from './types';

const ISSUE_EXAMPLE = `{ "format": "blobgen-layout", "version": 1, "caption": "a red ball on a blue background",
  "blobs": [ { "id": "b1", "cx": 0.5, "cy": 0.5, "a": 0.2, "b": 0.1, "theta": 0.0, "description": "a red ball" } ] }`;

function blobJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'a ball', ...overrides };
}

function layoutText(blobs: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'blobgen-layout', version: 1, caption: 'c', blobs, ...extra });
}

function expectOk(result: LayoutImportResult): { document: LayoutDocument; warnings: string[] } {
  if (!result.ok) throw new Error(`expected ok, got errors: ${result.errors.join('; ')}`);
  return result;
}

function expectErrors(result: LayoutImportResult): string[] {
  if (result.ok) throw new Error('expected the import to be rejected');
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

describe('parseLayoutJson: valid input', () => {
  it('reads the example from the issue', () => {
    const { document, warnings } = expectOk(parseLayoutJson(ISSUE_EXAMPLE));
    expect(warnings).toEqual([]);
    expect(document).toEqual({
      caption: 'a red ball on a blue background',
      blobs: [{ id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'a red ball' }],
    });
  });

  it('ignores unknown fields silently and keeps array order as stacking order', () => {
    const text = layoutText(
      [blobJson({ id: 'x', colour: 'red' }), blobJson({ id: 'y', hidden: true, locked: false })],
      {
        generator: 'other tool',
      },
    );
    const { document, warnings } = expectOk(parseLayoutJson(text));
    expect(warnings).toEqual([]);
    expect(document.blobs.map((b) => b.id)).toEqual(['x', 'y']);
    expect(document.blobs[0]).not.toHaveProperty('colour');
    expect(document.blobs[1]?.hidden).toBe(true);
    expect(document.blobs[1]).not.toHaveProperty('locked');
  });

  it('accepts a byte-order mark and an empty layout', () => {
    expect(expectOk(parseLayoutJson(`\uFEFF${layoutText([])}`)).document.blobs).toEqual([]);
  });

  it('round-trips any valid document exactly', () => {
    fc.assert(
      fc.property(arbLayoutDocument(), (document) => {
        const { document: back, warnings } = expectOk(parseLayoutJson(serializeLayoutJson(document)));
        expect(warnings).toEqual([]);
        expect(back).toEqual(document);
      }),
    );
  });
});

describe('parseLayoutJson: repaired with a warning', () => {
  it('normalises theta outside (−π, π]', () => {
    const { document, warnings } = expectOk(
      parseLayoutJson(layoutText([blobJson({ theta: 7 }), blobJson({ id: 'b2', theta: -Math.PI })])),
    );
    expect(document.blobs[0]?.theta).toBeCloseTo(7 - 2 * Math.PI, 12);
    expect(document.blobs[1]?.theta).toBe(Math.PI);
    expect(warnings[0]).toMatch(/^blobs\[0\]\.theta: 7 is outside \(−π, π\]; normalised to 0\.716815/);
    expect(warnings[1]).toMatch(/^blobs\[1\]\.theta:/);
  });

  it('regenerates duplicate, unsafe, reserved and missing ids', () => {
    const blobs = [
      blobJson({ id: 'same' }),
      blobJson({ id: 'same' }),
      blobJson({ id: '__proto__' }),
      blobJson({ id: '<img src=x>' }),
      blobJson({ id: 'x'.repeat(65) }),
      blobJson({ id: 42 }),
      blobJson({ id: undefined }),
    ];
    const { document, warnings } = expectOk(parseLayoutJson(layoutText(blobs)));
    const ids = document.blobs.map((b) => b.id);
    expect(ids[0]).toBe('same');
    expect(new Set(ids).size).toBe(ids.length);
    expect(warnings).toContain('blobs[1].id: "same" is already used by blobs[0]; gave it a new id');
    expect(warnings.some((w) => w.startsWith('blobs[2].id: "__proto__" is not a usable id'))).toBe(true);
    expect(warnings.filter((w) => w.includes('.id:'))).toHaveLength(5); // a missing id is not worth a warning
  });

  it('clamps radii and centres into the editing limits', () => {
    const { document, warnings } = expectOk(parseLayoutJson(layoutText([blobJson({ a: 1e-9, b: 40, cx: -3 })])));
    expect(document.blobs[0]).toMatchObject({ a: MIN_RADIUS, b: 1.5, cx: -0.5 });
    expect(warnings).toEqual([
      'blobs[0].a: 1e-9 is below the minimum 0.005; raised to it',
      'blobs[0].b: 40 is above the maximum 1.5; lowered to it',
      'blobs[0].cx: -3 is outside [-0.5, 1.5]; moved to -0.5',
    ]);
  });

  it('fills a missing caption and description', () => {
    const text = JSON.stringify({
      format: 'blobgen-layout',
      version: 1,
      blobs: [blobJson({ description: undefined })],
    });
    const { document, warnings } = expectOk(parseLayoutJson(text));
    expect(document.caption).toBe('');
    expect(document.blobs[0]?.description).toBe('');
    expect(warnings).toEqual([
      'caption: missing; using an empty caption',
      'blobs[0].description: missing; using an empty description',
    ]);
  });
});

describe('parseLayoutJson: rejected with a path-qualified reason', () => {
  it.each([
    [{ a: -0.2 }, 'blobs[0].a: must be a positive number, got -0.2'],
    [{ b: 0 }, 'blobs[0].b: must be a positive number, got 0'],
    [{ cx: 'NaN' }, 'blobs[0].cx: must be a finite number, got "NaN"'],
    [{ cy: null }, 'blobs[0].cy: must be a finite number, got null'],
    [{ theta: '0.5' }, 'blobs[0].theta: must be a finite number, got "0.5"'],
    [{ cx: undefined }, 'blobs[0].cx: must be a finite number, got nothing'],
    [{ description: 5 }, 'blobs[0].description: must be a string, got 5'],
    [{ hidden: 'yes' }, 'blobs[0].hidden: must be true or false, got "yes"'],
    [
      { description: 'x'.repeat(MAX_DESCRIPTION_LENGTH + 1) },
      'blobs[0].description: must be at most 500 characters, got 501 characters',
    ],
  ])('%o', (fields, message) => {
    expect(
      expectErrors(
        parseLayoutJson(
          layoutText([blobJson(), blobJson({ id: 'b2' })].map((b, i) => (i === 0 ? { ...b, ...fields } : b))),
        ),
      ),
    ).toEqual([message]);
  });

  it('rejects the example path from the brief at a later index', () => {
    const blobs = [0, 1, 2, 3].map((i) => blobJson({ id: `b${String(i)}`, a: i === 3 ? -0.2 : 0.2 }));
    expect(expectErrors(parseLayoutJson(layoutText(blobs)))).toEqual([
      'blobs[3].a: must be a positive number, got -0.2',
    ]);
  });

  it('rejects Infinity written as 1e999 (JSON cannot spell NaN or Infinity)', () => {
    const text = layoutText([blobJson()]).replace('"cx":0.5', '"cx":1e999');
    expect(expectErrors(parseLayoutJson(text))).toEqual(['blobs[0].cx: must be a finite number, got Infinity']);
    const literalNaN = layoutText([blobJson()]).replace('"cx":0.5', '"cx":NaN');
    expect(expectErrors(parseLayoutJson(literalNaN))[0]).toMatch(/^not valid JSON: /);
  });

  it.each([
    ['null', '(root): must be a Layout JSON object'],
    ['42', '(root): must be a Layout JSON object'],
    ['"text"', '(root): must be a Layout JSON object'],
    ['[]', '(root): must be a Layout JSON object'],
    ['{}', 'format: must be "blobgen-layout" (this is not a BlobGEN layout file), got nothing'],
    [
      '{"format":"excalidraw","version":1}',
      'format: must be "blobgen-layout" (this is not a BlobGEN layout file), got "excalidraw"',
    ],
    ['{"format":"blobgen-layout"}', 'version: must be 1 or 2, got nothing'],
    ['{"format":"blobgen-layout","version":"1"}', 'version: must be 1 or 2, got "1"'],
    ['{"format":"blobgen-layout","version":0.5}', 'version: must be 1 or 2, got 0.5'],
    ['{"format":"blobgen-layout","version":1}', 'blobs: must be an array of blobs, got nothing'],
    ['{"format":"blobgen-layout","version":1,"blobs":{}}', 'blobs: must be an array of blobs, got an object'],
    [
      '{"format":"blobgen-layout","version":1,"blobs":[7]}',
      'blobs[0]: must be an object with cx, cy, a, b, theta and description, got 7',
    ],
    ['{"format":"blobgen-layout","version":1,"caption":7,"blobs":[]}', 'caption: must be a string, got 7'],
    ['{"format":', 'not valid JSON'],
    ['', 'not valid JSON'],
  ])('rejects %s', (text, message) => {
    const errors = expectErrors(parseLayoutJson(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.startsWith(message)).toBe(true);
  });

  it('says a newer version needs a newer app', () => {
    const [error] = expectErrors(parseLayoutJson('{"format":"blobgen-layout","version":3,"caption":"","blobs":[]}'));
    expect(error).toMatch(/made by a newer version of BlobGEN Web \(Layout JSON version 3\); this app reads version 2.*Update the app/);
  });

  it('reads and writes the per-blob weights of version 2, and stays version 1 without them', () => {
    const plain = { caption: 'c', blobs: [{ id: 'a', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'd' }] };
    expect(JSON.parse(serializeLayoutJson(plain))).toMatchObject({ version: 1 });
    const weighted = { ...plain, blobs: [{ ...plain.blobs[0], strength: 1.5, feather: 0.04, activeSteps: { from: 0.25, to: 1 } }] } as LayoutDocument;
    const text = serializeLayoutJson(weighted);
    expect(JSON.parse(text)).toMatchObject({ version: 2, blobs: [{ strength: 1.5, feather: 0.04, activeSteps: { from: 0.25, to: 1 } }] });
    const back = parseLayoutJson(text);
    expect(back).toEqual({ ok: true, document: weighted, warnings: [] });
    // A version-1 file opens unchanged; defaults are not stored; out-of-range values are repaired with a note.
    const v1 = parseLayoutJson(JSON.stringify({ format: 'blobgen-layout', version: 1, ...plain }));
    expect(v1).toEqual({ ok: true, document: plain, warnings: [] });
    const repaired = parseLayoutJson(
      JSON.stringify({ format: 'blobgen-layout', version: 2, caption: 'c', blobs: [{ ...plain.blobs[0], strength: 3, feather: 0.9, activeSteps: { from: -1, to: 0.5 } }] }),
    );
    expect(repaired.ok && repaired.document.blobs[0]).toMatchObject({ strength: 2, feather: 0.25, activeSteps: { from: 0, to: 0.5 } });
    expect(repaired.ok && repaired.warnings).toEqual([
      expect.stringMatching(/^blobs\[0\]\.strength: 3 is outside 0–2; set to 2/),
      expect.stringMatching(/^blobs\[0\]\.feather: 0\.9 is above the maximum 0\.25/),
      expect.stringMatching(/^blobs\[0\]\.activeSteps: -1–0\.5 reaches outside 0–1; set to 0–0\.5/),
    ]);
    const defaults = parseLayoutJson(JSON.stringify({ format: 'blobgen-layout', version: 2, caption: 'c', blobs: [{ ...plain.blobs[0], strength: 1, feather: 0, activeSteps: { from: 0, to: 1 } }] }));
    expect(defaults.ok && defaults.document).toEqual(plain);
    for (const [blob, message] of [
      [{ strength: Number.NaN }, /strength: must be a finite number/],
      [{ feather: -0.1 }, /feather: must be a number ≥ 0/],
      [{ activeSteps: { from: 0.6, to: 0.4 } }, /activeSteps: from must be below to/],
      [{ activeSteps: 0.5 }, /activeSteps: must be an object \{from, to\}/],
    ] as const) {
      const result = parseLayoutJsonValue({ format: 'blobgen-layout', version: 2, caption: 'c', blobs: [{ ...plain.blobs[0], ...blob }] });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.join('\n')).toMatch(message);
    }
  });

  it('refuses too many blobs before looking at them', () => {
    const many = Array.from({ length: MAX_BLOBS + 1 }, (_, i) => blobJson({ id: `b${String(i)}` }));
    expect(expectErrors(parseLayoutJson(layoutText(many)))).toEqual([
      `blobs: too many blobs (${String(MAX_BLOBS + 1)}); the limit is ${String(MAX_BLOBS)}`,
    ]);
    const million = {
      format: 'blobgen-layout',
      version: 1,
      caption: '',
      blobs: new Array<unknown>(1_000_000).fill({}),
    };
    const started = performance.now();
    expect(expectErrors(parseLayoutJsonValue(million))[0]).toMatch(/too many blobs \(1000000\)/);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses megabyte inputs before parsing them', () => {
    const huge = layoutText([blobJson({ description: 'x'.repeat(MAX_IMPORT_BYTES) })]);
    expect(expectErrors(parseLayoutJson(huge))[0]).toMatch(/^the text is too large .* the limit is 1048576 bytes$/);
    // Multi-byte characters count in UTF-8 bytes, not string length.
    const wide = layoutText([blobJson({ description: 'é'.repeat(MAX_IMPORT_BYTES / 2 + 10) })]);
    expect(wide.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(expectErrors(parseLayoutJson(wide))[0]).toMatch(/too large/);
  });

  it('lists every problem, capped', () => {
    const blobs = Array.from({ length: 30 }, (_, i) => blobJson({ id: `b${String(i)}`, a: -1 }));
    const errors = expectErrors(parseLayoutJson(layoutText(blobs)));
    expect(errors).toHaveLength(21);
    expect(errors[20]).toBe('…and 10 more problems');
  });
});

describe('parseLayoutJson: prototype pollution', () => {
  it('treats __proto__ and constructor keys as ordinary unknown fields', () => {
    const text =
      '{"format":"blobgen-layout","version":1,"caption":"c","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
      '"blobs":[{"id":"b1","cx":0.5,"cy":0.5,"a":0.2,"b":0.1,"theta":0,"description":"d","__proto__":{"a":-1,"polluted":true}}]}';
    const { document } = expectOk(parseLayoutJson(text));
    expect(document.blobs[0]?.a).toBe(0.2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(document.blobs[0])).toBe(Object.prototype);
  });

  it('does not read fields through the prototype chain', () => {
    const inherited = Object.create({ format: 'blobgen-layout', version: 1, blobs: [] }) as unknown;
    expectErrors(parseLayoutJsonValue(inherited));
  });
});

describe('parseLayoutJson: never throws', () => {
  it('on nesting deep enough to overflow a recursive parser', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseLayoutJson(deep).ok).toBe(false);
    const deepField = layoutText([blobJson()]).replace('"cx":0.5', `"cx":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(expectErrors(parseLayoutJson(deepField))).toEqual([
      'blobs[0].cx: must be a finite number, got an array of 1 items',
    ]);
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseLayoutJson(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('on arbitrary JSON shaped like a layout, and accepted documents are always usable', () => {
    const anyValue = fc.anything({ maxDepth: 2, withObjectString: true, withNullPrototype: true });
    const hostileBlob = fc.record(
      {
        id: anyValue,
        cx: anyValue,
        cy: anyValue,
        a: anyValue,
        b: anyValue,
        theta: fc.oneof(fc.double(), anyValue),
        description: anyValue,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(hostileBlob, anyValue), { maxLength: 5 }), anyValue, (blobs, caption) => {
        const result = parseLayoutJson(JSON.stringify({ format: 'blobgen-layout', version: 1, caption, blobs }) ?? '');
        if (!result.ok) return;
        for (const blob of result.document.blobs) {
          for (const n of [blob.cx, blob.cy, blob.a, blob.b, blob.theta]) expect(Number.isFinite(n)).toBe(true);
          expect(blob.a).toBeGreaterThanOrEqual(MIN_RADIUS);
          expect(blob.theta).toBeGreaterThan(-Math.PI);
        }
      }),
    );
  });
});

describe('serializeLayoutJson', () => {
  it('writes the v1 envelope with flags only when set', () => {
    const text = serializeLayoutJson({
      caption: 'c',
      blobs: [{ id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'd', hidden: false, locked: true }],
    });
    expect(JSON.parse(text)).toEqual({
      format: 'blobgen-layout',
      version: 1,
      caption: 'c',
      blobs: [{ id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'd', locked: true }],
    });
    expect(text).toContain('\n  "caption": "c"');
  });
});
