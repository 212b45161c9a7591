import { describe, expect, it } from 'vitest';
import { contentRangeStart } from './fileSources';

describe('contentRangeStart', () => {
  it('reads the start of a byte range answer', () => {
    expect(contentRangeStart('bytes 100-199/200')).toBe(100);
    expect(contentRangeStart('bytes 0-0/*')).toBe(0);
    expect(contentRangeStart(' BYTES 5-9/10 ')).toBe(5);
  });

  it('gives null for absent or malformed headers (the caller then trusts the 206 for the asked offset)', () => {
    expect(contentRangeStart(null)).toBeNull();
    expect(contentRangeStart('bytes */200')).toBeNull();
    expect(contentRangeStart('items 1-2/3')).toBeNull();
  });
});
