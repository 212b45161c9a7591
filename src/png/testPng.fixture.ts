import { deflateSync } from 'node:zlib';
import { writePngChunks } from './pngChunks';

/** A real, decodable RGBA PNG of the given size (test fixture; Node only). */
export function makeTestPng(width = 4, height = 3): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter, no interlace
  const raw = new Uint8Array(height * (1 + width * 4));
  for (let y = 0; y < height; y++) for (let x = 0; x < width * 4; x++) raw[y * (1 + width * 4) + 1 + x] = (x * 37 + y * 11) & 255;
  return writePngChunks([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: new Uint8Array(deflateSync(raw)) },
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
}
