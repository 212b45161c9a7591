import { describe, expect, it } from 'vitest';
import { decodeLayoutLinkValue, encodeLayoutLinkValue, bytesToBase64Url } from './layoutLink';
import { MAX_IMPORT_BYTES } from './limits';

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
}

describe('share link fragment codec', () => {
  it('round-trips text and is much shorter than base64 of the JSON for repetitive layouts', async () => {
    const json = JSON.stringify({ format: 'blobgen-layout', version: 1, caption: 'x', blobs: Array.from({ length: 64 }, () => ({ cx: 0.5, description: 'a red ball' })) });
    const value = await encodeLayoutLinkValue(json);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(value.length).toBeLessThan(json.length / 4);
    expect(await decodeLayoutLinkValue(value)).toEqual({ ok: true, text: json });
  });
  it('refuses garbage, truncated data, invalid UTF-8 and a zip bomb, each with a reason', async () => {
    const value = await encodeLayoutLinkValue('{"format":"blobgen-layout"}');
    const cases = [
      ['%%%', /not base64url/],
      [value.slice(0, 8), /not a compressed layout/],
      [bytesToBase64Url(await deflate(new Uint8Array([0x41, 0xff, 0xfe, 0xc3, 0x28]))), /not valid UTF-8/],
      [bytesToBase64Url(await deflate(new Uint8Array(MAX_IMPORT_BYTES + 10))), /unpacks to more than/],
    ] as const;
    for (const [input, reason] of cases) {
      const result = await decodeLayoutLinkValue(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(reason);
    }
  });
});
