/** The first check on any imported text: refuse it before parsing when it is too large. */
import { MAX_IMPORT_BYTES } from './limits';

/** An error message when `text` weighs more than MAX_IMPORT_BYTES in UTF-8, else undefined. */
export function checkImportSize(text: string): string | undefined {
  // UTF-8 never takes fewer bytes than UTF-16 code units, so long strings fail without encoding.
  const bytes = text.length > MAX_IMPORT_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  return `the text is too large (at least ${String(bytes)} bytes); the limit is ${String(MAX_IMPORT_BYTES)} bytes`;
}
