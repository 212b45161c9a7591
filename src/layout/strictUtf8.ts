/**
 * Strict UTF-8 decoding for every imported byte stream (files, links, PNG text): invalid bytes
 * are refused, not replaced with U+FFFD, so a damaged file never imports as different text.
 * Files and links share the one message.
 */
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A predicate: callers put the subject in front ("The file …", "The link …"). */
export const UTF8_ERROR = 'is not valid UTF-8 text (it may be damaged, or saved in another encoding).';

/** The text, or undefined when `bytes` are not valid UTF-8. A leading byte-order mark is dropped. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
