import { memo } from 'react';
import type { Blob } from '../../layout/types';
import { select } from '../../store/sessionStore';
import { blobColor, blobLabel } from '../../layout/blobColors';
import { toUnits } from './canvasSpace';

interface BlobShapeProps {
  blob: Blob;
  index: number;
  selected: boolean;
  hovered: boolean;
  /** Canvas units per CSS pixel, so the label and outlines keep their on-screen size. */
  pixel: number;
}

const degrees = (radians: number) => (radians * 180) / Math.PI;

/**
 * One blob on the canvas: a tinted ellipse with its stacking index. It is a focusable button so
 * Tab walks the blobs (focus selects); memoised so dragging one blob re-renders only that one.
 */
export const BlobShape = memo(function BlobShape({ blob, index, selected, hovered, pixel }: BlobShapeProps) {
  const color = blobColor(index);
  const transform = `translate(${toUnits(blob.cx)} ${toUnits(blob.cy)}) rotate(${degrees(blob.theta)})`;
  const rx = toUnits(blob.a);
  const ry = toUnits(blob.b);
  const classes = ['blob', selected && 'is-selected', hovered && 'is-hovered', blob.locked && 'is-locked']
    .filter(Boolean)
    .join(' ');
  return (
    <g
      className={classes}
      data-blob-id={blob.id}
      data-testid="canvas-blob"
      data-index={index + 1}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={blobLabel(index, blob.description) + (blob.locked ? ' (locked)' : '')}
      onFocus={() => select(blob.id)}
    >
      <g transform={transform}>
        <ellipse className="blob-focus-ring" rx={rx + 5 * pixel} ry={ry + 5 * pixel} />
        {/* A transparent band around the outline, so a sliver of a blob is still easy to grab. */}
        <ellipse className="blob-hit-area" rx={rx} ry={ry} />
        <ellipse
          className="blob-body"
          rx={rx}
          ry={ry}
          fill={color}
          stroke={color}
          strokeDasharray={blob.locked ? `${6 * pixel} ${4 * pixel}` : undefined}
        />
      </g>
      <text
        className="blob-index"
        x={toUnits(blob.cx)}
        y={toUnits(blob.cy)}
        fontSize={14 * pixel}
        strokeWidth={3 * pixel}
        aria-hidden="true"
      >
        {index + 1}
      </text>
    </g>
  );
});
