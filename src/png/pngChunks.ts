import CRC32 from 'crc-32';

/**
 * Minimal PNG container reader/writer: splits a PNG into its chunks and joins them again.
 * Pixel data is never decoded here; we only need to add or read metadata chunks, and must do so
 * safely on files dropped by users (any of which may be truncated, forged or huge).
 */

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngChunk {
  /** Four ASCII letters, e.g. `IHDR`, `iTXt`. */
  type: string;
  data: Uint8Array;
}

export class PngFormatError extends Error {
  override name = 'PngFormatError';
}

function crcOf(typeBytes: Uint8Array, data: Uint8Array): number {
  return CRC32.buf(data, CRC32.buf(typeBytes)) >>> 0;
}

function typeToBytes(type: string): Uint8Array {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new PngFormatError(`PNG chunk type must be 4 ASCII letters, got "${type}"`);
  return Uint8Array.from(type, (ch) => ch.charCodeAt(0));
}

/** Splits a PNG into chunks, checking signature, lengths and every CRC. Throws PngFormatError with the reason. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new PngFormatError('Not a PNG file (the PNG signature is missing).');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw new PngFormatError(`PNG is truncated: a chunk header at byte ${offset} is incomplete.`);
    const length = view.getUint32(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const type = String.fromCharCode(...typeBytes);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngFormatError(`PNG is corrupt: invalid chunk type at byte ${offset + 4}.`);
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) throw new PngFormatError(`PNG is truncated: chunk ${type} claims ${length} bytes but the file ends first.`);
    const data = bytes.subarray(dataStart, dataEnd);
    if (view.getUint32(dataEnd) !== crcOf(typeBytes, data)) throw new PngFormatError(`PNG is corrupt: chunk ${type} fails its CRC check.`);
    chunks.push({ type, data });
    offset = dataEnd + 4;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new PngFormatError('PNG is corrupt: it does not start with an IHDR chunk.');
  if (chunks.at(-1)?.type !== 'IEND') throw new PngFormatError('PNG is truncated: the IEND chunk is missing.');
  return chunks;
}

/** Joins chunks into a PNG file, computing lengths and CRCs. */
export function writePngChunks(chunks: readonly PngChunk[]): Uint8Array {
  const total = PNG_SIGNATURE.length + chunks.reduce((sum, c) => sum + 12 + c.data.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let offset = PNG_SIGNATURE.length;
  for (const chunk of chunks) {
    const typeBytes = typeToBytes(chunk.type);
    view.setUint32(offset, chunk.data.length);
    out.set(typeBytes, offset + 4);
    out.set(chunk.data, offset + 8);
    view.setUint32(offset + 8 + chunk.data.length, crcOf(typeBytes, chunk.data));
    offset += 12 + chunk.data.length;
  }
  return out;
}
