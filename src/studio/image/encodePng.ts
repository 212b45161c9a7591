/**
 * Generated pixels → PNG files: the full image with the layout and settings embedded (so it can
 * be dropped back onto the app), and a small thumbnail for the gallery. The browser's own PNG
 * encoder does the compression; src/png only adds the metadata chunk.
 */
import { serializeLayoutJson } from '../../layout/layoutJson';
import type { LayoutDocument } from '../../layout/types';
import { embedLayoutInPng, type EmbeddedSettings } from '../../png/layoutPngMetadata';
import type { RgbaPixels } from '../fidelity/colourFidelity';

function toCanvas(image: RgbaPixels): OffscreenCanvas {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images (no 2D canvas).');
  context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  return canvas;
}

export async function encodeRgbaPng(image: RgbaPixels): Promise<Uint8Array> {
  const blob = await toCanvas(image).convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}

/** The PNG people download and the gallery keeps: pixels plus Layout JSON (v2 with blob weights) and settings in iTXt. */
export async function encodeResultPng(image: RgbaPixels, layout: LayoutDocument, settings: EmbeddedSettings): Promise<Blob> {
  const png = await encodeRgbaPng(image);
  const layoutObject = JSON.parse(serializeLayoutJson(layout)) as unknown;
  return new Blob([embedLayoutInPng(png, layoutObject, settings) as BlobPart], { type: 'image/png' });
}

/**
 * A thumbnail no larger than `size` on its longer side. Small model outputs (64×64) are scaled up
 * without smoothing, so the gallery shows the real pixels rather than a blur.
 */
export async function encodeThumbnail(image: RgbaPixels, size = 128): Promise<Blob> {
  const scale = size / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images (no 2D canvas).');
  context.imageSmoothingEnabled = scale < 1;
  context.drawImage(toCanvas(image), 0, 0, width, height);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** Saves a blob through a temporary link (works offline; no server round trip). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function resultFilename(settings: EmbeddedSettings): string {
  return `blobgen-seed${settings.seed}-${settings.steps}steps.png`;
}
