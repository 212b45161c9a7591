/**
 * fast-check generators of valid layout documents, shared by the codec tests. Not imported by
 * app code (fast-check is a dev dependency).
 */
import fc from 'fast-check';
import { normalizeAngle } from './geometry';
import { MIN_RADIUS } from './limits';
import type { Blob, LayoutDocument } from './types';

// `+ 0` turns −0 into 0: JSON writes both as 0, and the round trip must compare equal.
const unit = fc.double({ min: 0, max: 1, noNaN: true }).map((n) => n + 0);
const radius = fc.double({ min: MIN_RADIUS, max: 0.7, noNaN: true });
const angle = fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }).map((t) => normalizeAngle(t));

/** Text that survives every codec: one line, no braces (the LLM format's delimiters). */
export const arbDescription = fc.string({ maxLength: 60 }).map((s) =>
  s
    .replace(/[\r\n{}\u2028\u2029]/g, ' ')
    .trim()
    .replace(/\s+/g, ' '),
);

export function arbLayoutDocument(
  description: fc.Arbitrary<string> = fc.string({ maxLength: 80 }),
  maxBlobs = 8,
): fc.Arbitrary<LayoutDocument> {
  const blob = fc.record({
    cx: unit,
    cy: unit,
    a: radius,
    b: radius,
    theta: angle,
    description,
    hidden: fc.boolean(),
    locked: fc.boolean(),
  });
  return fc
    .record({ caption: description, blobs: fc.array(blob, { maxLength: maxBlobs }) })
    .map(({ caption, blobs }) => ({
      caption,
      blobs: blobs.map(({ hidden, locked, ...rest }, i): Blob => ({
        id: `b${String(i + 1)}`,
        ...rest,
        ...(hidden ? { hidden: true } : {}),
        ...(locked ? { locked: true } : {}),
      })),
    }));
}
