/**
 * Ellipse ("blob") geometry for the editor: hit testing, handles and the transform maths of each
 * gesture. Pure functions over normalised image coordinates (square image, y down, lengths as
 * fractions of the image width, theta in radians in (−π, π]); see docs/contracts.md §1.
 *
 * Gesture functions take the blob as it was when the gesture *started* plus the current pointer
 * and return the whole new blob, so a drag is a pure function of (start, pointer): no drift from
 * accumulated deltas, and Esc simply restores the start blob.
 */
import { MAX_CENTER, MAX_RADIUS, MIN_CENTER, MIN_RADIUS } from './limits';
import type { Blob, BlobId } from './types';

export interface Point {
  x: number;
  y: number;
}

/** Axis-aligned box, normalised coordinates. */
export interface BoundingBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface HandlePositions {
  /** Ends of the a semi-axis: centre ± a·u. */
  axisA: Point;
  axisANeg: Point;
  /** Ends of the b semi-axis: centre ± b·v. */
  axisB: Point;
  axisBNeg: Point;
  /** Uniform-scale handle at centre + a·u + b·v (corner of the oriented bounding box). */
  corner: Point;
  /** Rotation handle, beyond +a along u. */
  rotate: Point;
}

const TWO_PI = 2 * Math.PI;

/** Distance of the rotation handle beyond the +a end, fraction of the image width. */
export const ROTATE_HANDLE_OFFSET = 0.06;

/** Size of a blob created by a click or a drag too small to mean a size. */
export const DEFAULT_BLOB_A = 0.15;
export const DEFAULT_BLOB_B = 0.1;

/** A creation drag shorter than this in both directions counts as a click. */
export const MIN_CREATE_DRAG = 0.01;

/** Maps any angle into (−π, π]; non-finite input gives 0 so a bad angle never spreads NaN. */
export function normalizeAngle(theta: number): number {
  if (!Number.isFinite(theta)) return 0;
  let t = theta % TWO_PI; // in (−2π, 2π)
  if (t <= -Math.PI) t += TWO_PI;
  else if (t > Math.PI) t -= TWO_PI;
  // Float rounding of `t + 2π` can land exactly on −π's neighbour; −0 would serialise oddly.
  if (t <= -Math.PI) t = Math.PI;
  return t === 0 ? 0 : t;
}

/** The blob's unit axes: u along theta (the a axis), v across it (the b axis). */
export function blobAxes(theta: number): { u: Point; v: Point } {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return { u: { x: c, y: s }, v: { x: -s, y: c } };
}

/**
 * ρ² of contracts.md §1: < 1 inside, 1 on the boundary, > 1 outside. Infinity for a blob that
 * covers nothing (non-positive or non-finite parameters).
 */
export function ellipseRadiusSquared(blob: Pick<Blob, 'cx' | 'cy' | 'a' | 'b' | 'theta'>, x: number, y: number): number {
  const { cx, cy, a, b, theta } = blob;
  if (![cx, cy, a, b, theta, x, y].every(Number.isFinite) || a <= 0 || b <= 0) return Infinity;
  const dx = x - cx;
  const dy = y - cy;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const along = dx * c + dy * s;
  const across = -dx * s + dy * c;
  return (along * along) / (a * a) + (across * across) / (b * b);
}

/** Hit test: is (x, y) inside the ellipse or on its boundary (contracts.md §1)? */
export function ellipseContains(blob: Blob, x: number, y: number): boolean {
  return ellipseRadiusSquared(blob, x, y) <= 1;
}

/**
 * The topmost visible blob under the point (last in stacking order wins), if any. `margin`
 * (fraction of the image width) grows both semi-axes for the test, so a sliver a few pixels wide
 * can still be grabbed by a finger; the canvas converts its touch slop from screen pixels.
 */
export function hitTestBlobs(blobs: readonly Blob[], point: Point, margin = 0): BlobId | undefined {
  for (let i = blobs.length - 1; i >= 0; i--) {
    const blob = blobs[i];
    if (!blob || blob.hidden) continue;
    const target = margin > 0 ? { ...blob, a: blob.a + margin, b: blob.b + margin } : blob;
    if (ellipseContains(target, point.x, point.y)) return blob.id;
  }
  return undefined;
}

/** Tight axis-aligned bounding box of the rotated ellipse. */
export function ellipseBoundingBox(blob: Blob): BoundingBox {
  const { cx, cy, a, b, theta } = blob;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const halfWidth = Math.sqrt(a * a * c * c + b * b * s * s);
  const halfHeight = Math.sqrt(a * a * s * s + b * b * c * c);
  return { minX: cx - halfWidth, minY: cy - halfHeight, maxX: cx + halfWidth, maxY: cy + halfHeight };
}

/**
 * Where the selected blob's handles sit. `rotateOffset` lets the canvas keep the rotation handle
 * a constant number of screen pixels beyond the blob whatever the zoom.
 */
export function handlePositions(blob: Blob, rotateOffset = ROTATE_HANDLE_OFFSET): HandlePositions {
  const { cx, cy, a, b } = blob;
  const { u, v } = blobAxes(blob.theta);
  const at = (du: number, dv: number): Point => ({
    x: cx + du * u.x + dv * v.x,
    y: cy + du * u.y + dv * v.y,
  });
  return {
    axisA: at(a, 0),
    axisANeg: at(-a, 0),
    axisB: at(0, b),
    axisBNeg: at(0, -b),
    corner: at(a, b),
    rotate: at(a + rotateOffset, 0),
  };
}

function clampNumber(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/**
 * Keeps a blob editable and meaningful: finite numbers, radii in [MIN_RADIUS, MAX_RADIUS],
 * centre in [MIN_CENTER, MAX_CENTER], theta normalised. Non-finite values fall back to a
 * visible default rather than propagating NaN into the store.
 */
export function clampBlob(blob: Blob): Blob {
  return {
    ...blob,
    cx: clampNumber(blob.cx, MIN_CENTER, MAX_CENTER, 0.5),
    cy: clampNumber(blob.cy, MIN_CENTER, MAX_CENTER, 0.5),
    a: clampNumber(blob.a, MIN_RADIUS, MAX_RADIUS, DEFAULT_BLOB_A),
    b: clampNumber(blob.b, MIN_RADIUS, MAX_RADIUS, DEFAULT_BLOB_B),
    theta: normalizeAngle(blob.theta),
  };
}

/** Moves the blob by (dx, dy), keeping its centre within the sane range. */
export function translate(blob: Blob, dx: number, dy: number): Blob {
  return clampBlob({ ...blob, cx: blob.cx + dx, cy: blob.cy + dy });
}

export interface ResizeAxisOptions {
  /** Keep the centre fixed and change both ends (Alt-drag); default: the opposite end stays. */
  symmetric?: boolean;
  /** Which end is dragged: +1 the `axisA`/`axisB` handle (default), −1 `axisANeg`/`axisBNeg`. */
  side?: 1 | -1;
}

/**
 * Drag of an axis handle. The pointer is projected onto the axis line, so a sideways wobble
 * doesn't change the width across; the dragged end follows that projection.
 *
 * Dragging past the centre (past the fixed end when not symmetric) turns the blob around:
 * theta changes by π, which leaves the same ellipse but swaps which end is "+", so the handle in
 * the person's hand stays under the pointer and dragging back undoes the flip continuously.
 * The radius is clamped to [MIN_RADIUS, MAX_RADIUS]; when clamped, the fixed end still stays put.
 */
export function resizeAxis(blob: Blob, axis: 'a' | 'b', pointer: Point, opts: ResizeAxisOptions = {}): Blob {
  const side = opts.side ?? 1;
  const { u, v } = blobAxes(blob.theta);
  const axisDir = axis === 'a' ? u : v;
  const dir = { x: axisDir.x * side, y: axisDir.y * side }; // from centre towards dragged end
  const radius = axis === 'a' ? blob.a : blob.b;
  // The point that stays fixed: the centre, or the opposite end.
  const fixed = opts.symmetric
    ? { x: blob.cx, y: blob.cy }
    : { x: blob.cx - radius * dir.x, y: blob.cy - radius * dir.y };
  const along = (pointer.x - fixed.x) * dir.x + (pointer.y - fixed.y) * dir.y;
  if (!Number.isFinite(along)) return blob;
  const flipped = along < 0;
  const sign = flipped ? -1 : 1;
  const span = Math.abs(along);
  const newRadius = Math.min(MAX_RADIUS, Math.max(MIN_RADIUS, opts.symmetric ? span : span / 2));
  // Centre: the fixed point itself, or half the (clamped) length from the fixed end.
  const offset = opts.symmetric ? 0 : sign * newRadius;
  const resized: Blob = {
    ...blob,
    cx: fixed.x + offset * dir.x,
    cy: fixed.y + offset * dir.y,
    theta: flipped ? normalizeAngle(blob.theta + Math.PI) : blob.theta,
  };
  if (axis === 'a') resized.a = newRadius;
  else resized.b = newRadius;
  return clampBlob(resized);
}

export type ScaleAnchor = 'center' | 'opposite-corner';

/**
 * Uniform scale by the corner handle: both radii are multiplied by the ratio of the pointer's
 * distance from the anchor to the start corner's distance from it, so the aspect ratio is kept.
 * Geometry comes from `startBlob` (the blob at gesture start); other fields (description,
 * flags) come from `blob`, the current state. The ratio is clamped so both radii stay in range.
 */
export function scaleUniform(blob: Blob, startBlob: Blob, pointer: Point, anchor: ScaleAnchor = 'center'): Blob {
  const { corner } = handlePositions(startBlob);
  const anchorPoint =
    anchor === 'center'
      ? { x: startBlob.cx, y: startBlob.cy }
      : { x: 2 * startBlob.cx - corner.x, y: 2 * startBlob.cy - corner.y };
  const startDistance = Math.hypot(corner.x - anchorPoint.x, corner.y - anchorPoint.y);
  const distance = Math.hypot(pointer.x - anchorPoint.x, pointer.y - anchorPoint.y);
  if (!(startDistance > 0) || !Number.isFinite(distance)) {
    return { ...blob, cx: startBlob.cx, cy: startBlob.cy, a: startBlob.a, b: startBlob.b, theta: startBlob.theta };
  }
  const minRatio = MIN_RADIUS / Math.min(startBlob.a, startBlob.b);
  const maxRatio = MAX_RADIUS / Math.max(startBlob.a, startBlob.b);
  const ratio = Math.min(maxRatio, Math.max(minRatio, distance / startDistance));
  return clampBlob({
    ...blob,
    cx: anchorPoint.x + (startBlob.cx - anchorPoint.x) * ratio,
    cy: anchorPoint.y + (startBlob.cy - anchorPoint.y) * ratio,
    a: startBlob.a * ratio,
    b: startBlob.b * ratio,
    theta: startBlob.theta,
  });
}

export interface RotateOptions {
  /** Snap the angle to multiples of this many degrees (Shift: 15). */
  snapDegrees?: number;
}

function snapAngle(theta: number, snapDegrees: number | undefined): number {
  if (snapDegrees === undefined || !(snapDegrees > 0)) return normalizeAngle(theta);
  const step = (snapDegrees * Math.PI) / 180;
  return normalizeAngle(Math.round(theta / step) * step);
}

/**
 * Rotation handle drag: points the +a axis at the pointer. A pointer exactly on the centre has no
 * direction, so the blob is returned unchanged.
 */
export function rotateTo(blob: Blob, pointer: Point, opts: RotateOptions = {}): Blob {
  const dx = pointer.x - blob.cx;
  const dy = pointer.y - blob.cy;
  if ((dx === 0 && dy === 0) || !Number.isFinite(dx) || !Number.isFinite(dy)) return blob;
  return { ...blob, theta: snapAngle(Math.atan2(dy, dx), opts.snapDegrees) };
}

/**
 * Relative rotation: turns `startBlob` by the angle the pointer swept around its centre since
 * `startPointer`. For rotating by grabbing anywhere (not exactly on the handle) without a jump.
 */
export function rotateByDrag(startBlob: Blob, startPointer: Point, pointer: Point, opts: RotateOptions = {}): Blob {
  const a0 = Math.atan2(startPointer.y - startBlob.cy, startPointer.x - startBlob.cx);
  const a1 = Math.atan2(pointer.y - startBlob.cy, pointer.x - startBlob.cx);
  if (!Number.isFinite(a0) || !Number.isFinite(a1)) return startBlob;
  return { ...startBlob, theta: snapAngle(startBlob.theta + (a1 - a0), opts.snapDegrees) };
}

/**
 * Creation by dragging a box on empty canvas: the box's centre and half-sizes, axis-aligned.
 * A click (or a drag shorter than MIN_CREATE_DRAG both ways) makes a default-size blob centred
 * on the press point; a drag thin in one direction still gets at least MIN_RADIUS across.
 */
export function blobFromDrag(start: Point, end: Point, id: BlobId, description = ''): Blob {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const isClick = !(Math.abs(dx) >= MIN_CREATE_DRAG || Math.abs(dy) >= MIN_CREATE_DRAG);
  if (isClick) {
    return clampBlob({ id, cx: start.x, cy: start.y, a: DEFAULT_BLOB_A, b: DEFAULT_BLOB_B, theta: 0, description });
  }
  return clampBlob({
    id,
    cx: start.x + dx / 2,
    cy: start.y + dy / 2,
    a: Math.abs(dx) / 2,
    b: Math.abs(dy) / 2,
    theta: 0,
    description,
  });
}
