/**
 * The canvas's coordinate system. The SVG works in "canvas units": the image frame is
 * IMAGE_UNITS wide (normalised 1.0 = IMAGE_UNITS), with a margin around it because blobs may hang
 * off the image (clampBlob allows centres in [−0.5, 1.5]) and handles must stay grabbable.
 */
import type { Point } from '../../layout/geometry';

export const IMAGE_UNITS = 1000;
/** Margin around the frame, canvas units. */
export const FRAME_MARGIN = 110;
export const VIEW_BOX = `${-FRAME_MARGIN} ${-FRAME_MARGIN} ${IMAGE_UNITS + 2 * FRAME_MARGIN} ${IMAGE_UNITS + 2 * FRAME_MARGIN}`;

/** Normalised image coordinate → canvas units. */
export const toUnits = (value: number): number => value * IMAGE_UNITS;

/**
 * Screen (client) point → normalised image coordinates, through the SVG's current transform, so
 * it is right at any size, aspect ratio or zoom, and for points outside the SVG (pointer capture
 * keeps delivering moves there: nothing jumps when the pointer leaves the canvas).
 */
export function clientToImage(svg: SVGSVGElement, clientX: number, clientY: number): Point {
  const matrix = svg.getScreenCTM();
  if (!matrix) return { x: 0, y: 0 };
  const local = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
  return { x: local.x / IMAGE_UNITS, y: local.y / IMAGE_UNITS };
}

/** Canvas units per CSS pixel right now (handles keep a constant on-screen size). */
export function unitsPerPixel(svg: SVGSVGElement): number {
  const matrix = svg.getScreenCTM();
  return matrix && matrix.a > 0 ? 1 / matrix.a : 1;
}
