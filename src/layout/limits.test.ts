import { describe, expect, it } from 'vitest';
import { parseLayoutJson, serializeLayoutJson } from './layoutJson';
import {
  MAX_BLOBS,
  MAX_CENTER,
  MAX_DESCRIPTION_LENGTH,
  MAX_IMPORT_BYTES,
  MAX_RADIUS,
  MIN_CENTER,
  MIN_RADIUS,
} from './limits';
import { parseLlmLayout, serializeLlmLayout } from './llmFormat';
import type { LayoutDocument } from './types';

/** The largest legal layout, with descriptions that cost the most bytes once JSON-escaped. */
function largestLegalLayout(): LayoutDocument {
  return {
    caption: 'c'.repeat(MAX_DESCRIPTION_LENGTH),
    blobs: Array.from({ length: MAX_BLOBS }, (_, i) => ({
      id: `blob-${String(i)}`,
      cx: 0.123456789012345,
      cy: 0.987654321098765,
      a: 0.111111111111111,
      b: 0.0555555555555555,
      theta: -3.14159,
      description: '\u0001'.repeat(MAX_DESCRIPTION_LENGTH),
      hidden: true,
      locked: true,
    })),
  };
}

describe('documented limits', () => {
  it('meet the issue: at least 32 blobs, sane radius and centre ranges', () => {
    expect(MAX_BLOBS).toBeGreaterThanOrEqual(32);
    expect(MIN_RADIUS).toBeGreaterThan(0);
    expect(MAX_RADIUS).toBeGreaterThan(MIN_RADIUS);
    expect(MIN_CENTER).toBeLessThan(0);
    expect(MAX_CENTER).toBeGreaterThan(1);
  });

  it('let the largest legal layout through both importers', () => {
    const document = largestLegalLayout();
    const json = serializeLayoutJson(document);
    expect(new TextEncoder().encode(json).byteLength).toBeLessThan(MAX_IMPORT_BYTES);
    const fromJson = parseLayoutJson(json);
    expect(fromJson.ok && fromJson.document).toEqual(document);
    const fromLlm = parseLlmLayout(serializeLlmLayout(document));
    expect(fromLlm.rejected).toEqual([]);
    expect(fromLlm.document.blobs).toHaveLength(MAX_BLOBS);
  });
});
