import { decodeUtf8Strict } from '../layout/strictUtf8';
import { PngFormatError, type PngChunk } from './pngChunks';

/**
 * iTXt (international text) chunks: UTF-8 text under a Latin-1 keyword. We write uncompressed
 * iTXt only; compressed ones written by other tools are reported as unsupported, not misread.
 */

const encoder = new TextEncoder();

export function makeItxtChunk(keyword: string, text: string): PngChunk {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new PngFormatError('iTXt keyword must be 1–79 printable ASCII characters.');
  const keywordBytes = Uint8Array.from(keyword, (ch) => ch.charCodeAt(0));
  const textBytes = encoder.encode(text);
  // keyword \0 compressionFlag(0) compressionMethod(0) languageTag \0 translatedKeyword \0 text
  const data = new Uint8Array(keywordBytes.length + 5 + textBytes.length);
  data.set(keywordBytes, 0);
  data.set(textBytes, keywordBytes.length + 5);
  return { type: 'iTXt', data };
}

export interface ItxtEntry {
  keyword: string;
  text: string;
}

/** Parses one iTXt chunk's data; throws PngFormatError on malformed or compressed content. */
export function parseItxtChunk(data: Uint8Array): ItxtEntry {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1 || keywordEnd > 79) throw new PngFormatError('iTXt chunk has an invalid keyword.');
  const keyword = String.fromCharCode(...data.subarray(0, keywordEnd));
  const compressed = data[keywordEnd + 1];
  if (compressed === undefined || data[keywordEnd + 2] === undefined) throw new PngFormatError('iTXt chunk is truncated.');
  if (compressed !== 0) throw new PngFormatError(`iTXt chunk "${keyword}" is compressed, which is not supported.`);
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) throw new PngFormatError(`iTXt chunk "${keyword}" is truncated.`);
  const text = decodeUtf8Strict(data.subarray(translatedEnd + 1));
  if (text === undefined) throw new PngFormatError(`iTXt chunk "${keyword}" is not valid UTF-8.`);
  return { keyword, text };
}
