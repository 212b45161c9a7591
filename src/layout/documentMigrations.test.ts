import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_MIGRATIONS,
  migrateStoredDocument,
  STORED_SCHEMA_VERSION,
  toStoredDocument,
  type StoredDocumentResult,
} from './documentMigrations';
import { arbLayoutDocument } from './layoutArbitraries';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function expectFailure(result: StoredDocumentResult, reason: 'corrupt' | 'newer-version'): string {
  if (result.ok) throw new Error('expected a failure');
  expect(result.reason).toBe(reason);
  return result.message;
}

describe('migrateStoredDocument', () => {
  it('lists one migration per version, in order, up to the current one', () => {
    expect(DOCUMENT_MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: STORED_SCHEMA_VERSION }, (_, i) => i));
  });

  it('reads back any current document exactly', () => {
    fc.assert(
      fc.property(arbLayoutDocument(), (document) => {
        const result = migrateStoredDocument(structuredClone(toStoredDocument(document)));
        expect(result).toEqual({ ok: true, document, warnings: [], fromVersion: STORED_SCHEMA_VERSION });
      }),
    );
  });

  it('migrates v0 (angleDeg in degrees) to v1 (theta in radians) without touching the input', () => {
    const v0 = deepFreeze({
      schemaVersion: 0,
      document: {
        caption: 'old',
        blobs: [
          { id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, angleDeg: 90, description: 'tilted' },
          { id: 'b2', cx: 0.2, cy: 0.3, a: 0.1, b: 0.1, angleDeg: 270, description: 'wraps', hidden: true },
        ],
      },
    });
    const result = migrateStoredDocument(v0);
    if (!result.ok) throw new Error(result.message);
    expect(result.fromVersion).toBe(0);
    expect(result.document.blobs[0]?.theta).toBeCloseTo(Math.PI / 2, 12);
    expect(result.document.blobs[0]).not.toHaveProperty('angleDeg');
    expect(result.document.blobs[1]?.theta).toBeCloseTo(-Math.PI / 2, 12);
    expect(result.document.blobs[1]?.hidden).toBe(true);
    expect(result.warnings).toEqual([expect.stringMatching(/^document\.blobs\[1\]\.theta: .* normalised/) as unknown]);
    expect(v0.document.blobs[0]).toHaveProperty('angleDeg', 90);
  });

  it('refuses a newer version and says so', () => {
    const message = expectFailure(
      migrateStoredDocument({ schemaVersion: STORED_SCHEMA_VERSION + 1, document: { anything: true } }),
      'newer-version',
    );
    expect(message).toMatch(
      /newer version of BlobGEN Web \(schema 3; this app reads up to 2\)\. It was left untouched/,
    );
  });

  it.each([
    [null, /not an object/],
    ['{"schemaVersion":1}', /not an object/],
    [[], /not an object/],
    [{}, /no valid schemaVersion \(got undefined\)/],
    [{ schemaVersion: -1, document: {} }, /no valid schemaVersion/],
    [{ schemaVersion: 1.5, document: {} }, /no valid schemaVersion/],
    [{ schemaVersion: '1', document: {} }, /no valid schemaVersion/],
    [{ schemaVersion: 1 }, /damaged: document: must be an object, got nothing/],
    [
      { schemaVersion: 1, document: { caption: '', blobs: [{ cx: 0.5 }] } },
      /damaged: document\.blobs\[0\]\.cy: must be a finite number/,
    ],
    [
      {
        schemaVersion: 0,
        document: { caption: '', blobs: [{ id: 'x', cx: 0.5, cy: 0.5, a: 0.1, b: 0.1, angleDeg: 'up' }] },
      },
      /document\.blobs\[0\]\.theta: must be a finite number, got "up"/,
    ],
  ])('reports %j as corrupt', (raw, message) => {
    expect(expectFailure(migrateStoredDocument(raw), 'corrupt')).toMatch(message);
  });

  it('never throws, whatever was stored', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withMap: true, withSet: true }),
        fc.integer({ min: -1, max: 3 }),
        (document, schemaVersion) => {
          const result = migrateStoredDocument({ schemaVersion, document });
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });
});
