import { memo } from 'react';
import { IMAGE_UNITS } from './canvasSpace';

/**
 * The square image the model will paint. Thirds guides help composition; they are drawn under
 * the blobs and ignore the pointer (a press on the frame counts as empty canvas).
 */
export const ImageFrame = memo(function ImageFrame({ pixel }: { pixel: number }) {
  const third = IMAGE_UNITS / 3;
  return (
    <g className="image-frame" aria-hidden="true">
      <rect className="frame-fill" x={0} y={0} width={IMAGE_UNITS} height={IMAGE_UNITS} />
      {[third, 2 * third].map((at) => (
        <g key={at} className="frame-guide" strokeWidth={pixel}>
          <line x1={at} y1={0} x2={at} y2={IMAGE_UNITS} />
          <line x1={0} y1={at} x2={IMAGE_UNITS} y2={at} />
        </g>
      ))}
      <rect className="frame-border" x={0} y={0} width={IMAGE_UNITS} height={IMAGE_UNITS} strokeWidth={pixel} />
    </g>
  );
});
