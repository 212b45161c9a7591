/**
 * Share links: the layout travels in the URL fragment, `#layout=<base64url(deflate-raw(UTF-8
 * Layout JSON))>`. A fragment is never sent to a server, so no server header limit (HTTP 431)
 * applies, and deflate shrinks the JSON several-fold. The old `?layout=` query form is still read
 * (see decodeLayoutQueryValue); links are only written in the new form.
 *
 * Decoding treats the link as hostile: the base64 text, the inflated size (a "zip bomb" stops at
 * MAX_IMPORT_BYTES) and the UTF-8 are checked here; the JSON goes through the one importer.
 */
import { MAX_IMPORT_BYTES } from './limits';
import { decodeUtf8Strict, UTF8_ERROR } from './strictUtf8';

export const LAYOUT_LINK_KEY = 'layout';

/**
 * Longest share link we hand out. Chromium opens URLs up to 2 MiB; the largest legal layout
 * (64 blobs × 500 four-byte code points) compresses to far less than this, so the limit only
 * guards against a future change to the limits.
 */
export const MAX_SHARE_LINK_LENGTH = 1_500_000;

/** `error` is a predicate ("is not base64url …"): the caller names the subject. */
export type LinkDecodeResult = { ok: true; text: string } | { ok: false; error: string };

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** undefined when `text` is not base64url. */
export function base64UrlToBytes(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function pipeThrough(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return 'too-large';
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** The fragment value (without `#layout=`) for Layout JSON text. */
export async function encodeLayoutLinkValue(layoutJson: string): Promise<string> {
  const compressed = await pipeThrough(new TextEncoder().encode(layoutJson), new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  if (compressed === 'too-large') throw new Error('unreachable');
  return bytesToBase64Url(compressed);
}

/** Decodes a `#layout=` value back to the Layout JSON text, or says why it cannot. Never throws. */
export async function decodeLayoutLinkValue(value: string): Promise<LinkDecodeResult> {
  if (value.length > MAX_SHARE_LINK_LENGTH) {
    return { ok: false, error: `is ${String(value.length)} characters long; the limit is ${String(MAX_SHARE_LINK_LENGTH)}.` };
  }
  const bytes = base64UrlToBytes(value.trim());
  if (bytes === undefined) return { ok: false, error: 'is not base64url text (letters, digits, - and _).' };
  let inflated: Uint8Array | 'too-large';
  try {
    inflated = await pipeThrough(bytes, new DecompressionStream('deflate-raw'), MAX_IMPORT_BYTES);
  } catch {
    return { ok: false, error: 'is not a compressed layout (the link may have been cut short when it was copied).' };
  }
  if (inflated === 'too-large') {
    return { ok: false, error: `unpacks to more than ${String(MAX_IMPORT_BYTES)} bytes, the limit for a layout.` };
  }
  const text = decodeUtf8Strict(inflated);
  return text === undefined ? { ok: false, error: UTF8_ERROR } : { ok: true, text };
}
