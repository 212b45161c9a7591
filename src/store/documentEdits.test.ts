import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BLOBS, MAX_CAPTION_LENGTH, MAX_DESCRIPTION_LENGTH } from '../layout/limits';
import type { Blob, LayoutDocument } from '../layout/types';
import { addBlob, duplicateBlob, moveBlobTo, removeBlob, setCaption, shiftBlobInStack, updateBlob } from './documentEdits';

const blob = (id: string): Blob => ({ id, cx: 0.5, cy: 0.5, a: 0.1, b: 0.1, theta: 0, description: id });
const doc = (...ids: string[]): LayoutDocument => ({ caption: '', blobs: ids.map(blob) });
const ids = (d: LayoutDocument) => d.blobs.map((b) => b.id);

describe('document edits', () => {
  it('return the same object when nothing changes (no undo entry)', () => {
    const d = doc('a', 'b');
    expect(removeBlob('missing')(d)).toBe(d);
    expect(moveBlobTo('a', 0)(d)).toBe(d);
    expect(shiftBlobInStack('b', 1)(d)).toBe(d);
    expect(setCaption('')(d)).toBe(d);
  });

  it('keep unchanged blobs identical (memoised shapes do not re-render)', () => {
    const d = doc('a', 'b', 'c');
    const next = updateBlob('b', { cx: 0.2 })(d);
    expect(next.blobs[0]).toBe(d.blobs[0]);
    expect(next.blobs[2]).toBe(d.blobs[2]);
    expect(next.blobs[1]?.cx).toBe(0.2);
  });

  it('refuse to grow past MAX_BLOBS', () => {
    const full = doc(...Array.from({ length: MAX_BLOBS }, (_, i) => `b${String(i)}`));
    expect(addBlob(blob('extra'))(full)).toBe(full);
    expect(duplicateBlob('b0', 'copy')(full)).toBe(full);
  });

  it('cut descriptions and captions at their limits', () => {
    const d = updateBlob('a', { description: 'x'.repeat(MAX_DESCRIPTION_LENGTH + 10) })(doc('a'));
    expect(d.blobs[0]?.description).toHaveLength(MAX_DESCRIPTION_LENGTH);
    expect(setCaption('y'.repeat(MAX_CAPTION_LENGTH + 1))(d).caption).toHaveLength(MAX_CAPTION_LENGTH);
  });

  it('duplicate just above the original with a new id', () => {
    const next = duplicateBlob('a', 'a2')(doc('a', 'b'));
    expect(ids(next)).toEqual(['a', 'a2', 'b']);
    expect(next.blobs[1]?.cx).toBeCloseTo(0.53);
  });

  it('reordering is a permutation that puts the blob where asked (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.integer({ min: -3, max: 15 }), (n, pick, target) => {
        const d = doc(...Array.from({ length: n }, (_, i) => `b${String(i)}`));
        const id = `b${String(pick % n)}`;
        const next = moveBlobTo(id, target)(d);
        expect([...ids(next)].sort()).toEqual([...ids(d)].sort());
        expect(ids(next).indexOf(id)).toBe(Math.max(0, Math.min(n - 1, target)));
      }),
    );
  });
});
