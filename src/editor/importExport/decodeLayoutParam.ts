/**
 * The `?layout=` URL parameter: Layout JSON either URI-encoded (starts with `{` once decoded)
 * or base64url-encoded UTF-8. Decoding only; the JSON is validated by the same importer as a
 * file, so a hostile link is treated exactly like a hostile file.
 */
import { MAX_IMPORT_BYTES } from '../../layout/limits';

export type DecodedParam = { ok: true; text: string } | { ok: false; error: string };

/** base64 inflates by 4/3; anything longer cannot decode to an acceptable layout. */
const MAX_PARAM_LENGTH = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export function decodeLayoutParam(value: string): DecodedParam {
  if (value.length > MAX_PARAM_LENGTH) {
    return { ok: false, error: `the parameter is ${String(value.length)} characters long; the limit is ${String(MAX_PARAM_LENGTH)}.` };
  }
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return { ok: true, text: trimmed };
  if (!BASE64URL.test(trimmed)) {
    return { ok: false, error: 'it is neither Layout JSON nor base64url-encoded Layout JSON.' };
  }
  try {
    const binary = atob(trimmed.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: 'it is not valid base64url-encoded UTF-8 text.' };
  }
}

/** base64url of the UTF-8 text, no padding: the compact form for share links. */
export function encodeLayoutParam(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
