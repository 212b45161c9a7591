import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUsableBlobId, newBlobId } from './blobId';

describe('newBlobId', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes unique ids that survive import', () => {
    const ids = Array.from({ length: 1000 }, newBlobId);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every(isUsableBlobId)).toBe(true);
  });

  it('still makes unique, usable ids without crypto.randomUUID (plain-http origins)', () => {
    vi.stubGlobal('crypto', {});
    const ids = Array.from({ length: 1000 }, newBlobId);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every(isUsableBlobId)).toBe(true);
  });
});

describe('isUsableBlobId', () => {
  it.each(['b1', 'A_b-9', 'x'.repeat(64)])('keeps %s', (id) => {
    expect(isUsableBlobId(id)).toBe(true);
  });
  it.each(['', 'x'.repeat(65), '__proto__', 'constructor', 'prototype', 'a b', '<b>', 'ü', 7, null, undefined])(
    'refuses %j',
    (id) => {
      expect(isUsableBlobId(id)).toBe(false);
    },
  );
});
