/**
 * Decides what a file dropped on the app is, before anything is changed: a PNG carrying a
 * BlobGEN layout (fully read and validated here), layout text for the editor's importer (JSON or
 * the LLM format, which has its own checks), or something refused with a message that says why.
 * Reading never changes state, so a hostile file can at worst produce a message.
 */
import { parseLayoutJson } from '../../layout/layoutJson';
import type { LayoutDocument } from '../../layout/types';
import { MAX_PNG_BYTES, readLayoutFromPng, type EmbeddedSettings } from '../../png/layoutPngMetadata';
import { PNG_SIGNATURE } from '../../png/pngChunks';

export type DroppedFileRoute =
  | { kind: 'layout-png'; document: LayoutDocument; settings: EmbeddedSettings; warnings: string[]; source: string }
  /** Text (Layout JSON or the LLM format): hand the file to the editor's importLayoutFile. */
  | { kind: 'layout-text' }
  | { kind: 'refused'; title: string; details: string[] };

/** Magic numbers of images that can never carry our layout (so they are not read as text). */
const OTHER_IMAGE_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'WebP', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'BMP', bytes: [0x42, 0x4d] },
];

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

export function fileLabel(file: File): string {
  const name = file.name.length > 60 ? `${file.name.slice(0, 59)}…` : file.name;
  return `the file “${name}”`;
}

function refused(title: string, ...details: string[]): DroppedFileRoute {
  return { kind: 'refused', title, details };
}

export async function classifyDroppedFile(file: File): Promise<DroppedFileRoute> {
  const source = fileLabel(file);
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  } catch (error) {
    return refused(`Could not read ${source}.`, error instanceof Error ? error.message : String(error));
  }
  const namedPng = /\.png$/i.test(file.name) || file.type === 'image/png';
  if (startsWith(head, PNG_SIGNATURE) || namedPng) return classifyPng(file, source);
  const other = OTHER_IMAGE_SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (other || (file.type.startsWith('image/') && file.type !== 'image/svg+xml')) {
    return refused(`Nothing was imported: ${source} is ${other ? `a ${other.name}` : 'an'} image without a layout.`, 'Only PNG images downloaded from BlobGEN Web carry a layout. Drop one of those, or a layout file (.json or text).');
  }
  return { kind: 'layout-text' };
}

async function classifyPng(file: File, source: string): Promise<DroppedFileRoute> {
  if (file.size > MAX_PNG_BYTES) {
    return refused(`Nothing was imported: ${source} is too large.`, `It is ${(file.size / 2 ** 20).toFixed(1)} MiB; images from BlobGEN Web are far below ${MAX_PNG_BYTES / 2 ** 20} MiB.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return refused(`Could not read ${source}.`, error instanceof Error ? error.message : String(error));
  }
  const read = readLayoutFromPng(bytes);
  if (!read.ok) {
    const title =
      read.reason === 'no-layout'
        ? `This image has no layout: ${source} was not downloaded from BlobGEN Web.`
        : read.reason === 'not-png'
          ? `Nothing was imported: ${source} is named like a PNG but is not one.`
          : `Nothing was imported: the layout in ${source} is damaged.`;
    return refused(title, read.message);
  }
  const layout = parseLayoutJson(read.layoutJson);
  if (!layout.ok) return refused(`Nothing was imported: the layout embedded in ${source} is not valid.`, ...layout.errors);
  return { kind: 'layout-png', document: layout.document, settings: read.settings, warnings: layout.warnings, source };
}
