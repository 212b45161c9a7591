/**
 * The old `?layout=` URL parameter: Layout JSON either URI-encoded (starts with `{` once decoded)
 * or base64url-encoded UTF-8. Still read so that old links open; new links use the compressed
 * `#layout=` fragment (src/layout/layoutLink.ts). Decoding only; the JSON is validated by the
 * same importer as a file, so a hostile link is treated exactly like a hostile file.
 */
import { base64UrlToBytes, bytesToBase64Url, type LinkDecodeResult } from '../../layout/layoutLink';
import { MAX_IMPORT_BYTES } from '../../layout/limits';
import { decodeUtf8Strict, UTF8_ERROR } from '../../layout/strictUtf8';

export type DecodedParam = LinkDecodeResult;

/** base64 inflates by 4/3; anything longer cannot decode to an acceptable layout. */
const MAX_PARAM_LENGTH = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4;

/** `error` is a predicate ("is neither …"): the caller names the subject. */
export function decodeLayoutParam(value: string): DecodedParam {
  if (value.length > MAX_PARAM_LENGTH) {
    return { ok: false, error: `is ${String(value.length)} characters long; the limit is ${String(MAX_PARAM_LENGTH)}.` };
  }
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return { ok: true, text: trimmed };
  const bytes = base64UrlToBytes(trimmed);
  if (bytes === undefined || trimmed === '') {
    return { ok: false, error: 'is neither Layout JSON nor base64url-encoded Layout JSON.' };
  }
  const text = decodeUtf8Strict(bytes);
  return text === undefined ? { ok: false, error: UTF8_ERROR } : { ok: true, text };
}

/** base64url of the UTF-8 text, no padding (the old uncompressed link form; tests and tools). */
export function encodeLayoutParam(text: string): string {
  return bytesToBase64Url(new TextEncoder().encode(text));
}
