import { handlePositions, type Point } from '../../layout/geometry';
import type { Blob } from '../../layout/types';
import type { HandleName } from '../gestures/gestureForPress';
import { toUnits } from './canvasSpace';

interface SelectionHandlesProps {
  blob: Blob;
  /** Canvas units per CSS pixel. */
  pixel: number;
}

/** Distance of the rotation handle beyond the +a end, CSS px (constant on screen). */
const ROTATE_OFFSET_PX = 28;
const HANDLE_RADIUS_PX = 6;

const RESIZE_CURSORS = ['ew-resize', 'nwse-resize', 'ns-resize', 'nesw-resize'] as const;

/** The resize cursor closest to a direction (screen y points down, as in the image). */
function resizeCursor(dx: number, dy: number): string {
  const angle = ((Math.atan2(dy, dx) * 180) / Math.PI + 180) % 180; // 0..180
  return RESIZE_CURSORS[Math.round(angle / 45) % 4] ?? 'move';
}

/**
 * Handles of the selected blob: ±a and ±b resize one semi-axis, the corner scales uniformly,
 * the knob beyond +a rotates. Pointer-only affordances (aria-hidden); keyboard users have the
 * inspector's numeric fields for the same edits.
 */
export function SelectionHandles({ blob, pixel }: SelectionHandlesProps) {
  const handles = handlePositions(blob, (ROTATE_OFFSET_PX * pixel) / toUnits(1));
  const centre = { x: blob.cx, y: blob.cy };
  const radius = HANDLE_RADIUS_PX * pixel;
  const knob = (name: HandleName, at: Point, shape: 'circle' | 'square' = 'circle') => {
    const cursor = name === 'rotate' ? 'grab' : resizeCursor(at.x - centre.x, at.y - centre.y);
    const common = {
      'data-handle': name,
      'data-blob-id': blob.id,
      'data-testid': `handle-${name}`,
      className: `handle handle-${name}`,
      style: { cursor },
      strokeWidth: 1.5 * pixel,
    };
    return shape === 'square' ? (
      <rect key={name} {...common} x={toUnits(at.x) - radius} y={toUnits(at.y) - radius} width={2 * radius} height={2 * radius} />
    ) : (
      <circle key={name} {...common} cx={toUnits(at.x)} cy={toUnits(at.y)} r={radius} />
    );
  };
  return (
    <g className="selection-handles" aria-hidden="true">
      <line
        className="rotate-stem"
        x1={toUnits(handles.axisA.x)}
        y1={toUnits(handles.axisA.y)}
        x2={toUnits(handles.rotate.x)}
        y2={toUnits(handles.rotate.y)}
        strokeWidth={1.5 * pixel}
      />
      {knob('axisA', handles.axisA)}
      {knob('axisANeg', handles.axisANeg)}
      {knob('axisB', handles.axisB)}
      {knob('axisBNeg', handles.axisBNeg)}
      {knob('corner', handles.corner, 'square')}
      {knob('rotate', handles.rotate)}
    </g>
  );
}
