import { useEffect, useRef, type CSSProperties } from 'react';
import { IMAGE_UNITS } from './canvasSpace';
import { useCanvasResultStore, type CanvasPixels } from './canvasResultStore';

/** Draws pixels 1:1 into a canvas; CSS stretches it over the frame. */
function PixelCanvas({ pixels, label, testId, kind, style }: { pixels: CanvasPixels; label: string; testId: string; kind?: string; style?: CSSProperties | undefined }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    context.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={pixels.width} height={pixels.height} role="img" aria-label={label} data-testid={testId} data-kind={kind} style={style} />;
}

/**
 * The generated image inside the image frame, under the blobs. Small images (a 64² pack on a
 * 600 px frame) are enlarged nearest-neighbour so each model pixel stays a crisp square; images
 * near or above the frame's size (a 512² pack) are scaled smoothly. With the compare on, the "before"
 * fills the frame and the "after" shows right of the split, as in the panel's CompareSlider.
 * `pixel` is canvas units per CSS pixel (the frame's on-screen size decides the filter).
 */
export function CanvasResult({ pixel }: { pixel: number }) {
  const image = useCanvasResultStore((state) => state.image);
  const before = useCanvasResultStore((state) => state.before);
  const opacity = useCanvasResultStore((state) => state.opacity);
  const compare = useCanvasResultStore((state) => state.compare);
  const position = useCanvasResultStore((state) => state.comparePosition);
  if (!image) return null;
  const framePx = IMAGE_UNITS / Math.max(pixel, 1e-6);
  // Nearest-neighbour from 2× up (each model pixel ≥ 2 screen pixels, so the unevenness of a
  // non-integer factor does not show); closer to 1:1 the smooth filter looks better.
  const upscaled = 2 * Math.max(image.pixels.width, image.pixels.height) <= framePx;
  const comparing = compare && before !== null && image.kind === 'result';
  return (
    <foreignObject className="canvas-result" x={0} y={0} width={IMAGE_UNITS} height={IMAGE_UNITS} data-upscaled={upscaled} data-comparing={comparing}>
      <div className={`canvas-result-stage${upscaled ? ' is-upscaled' : ''}`} style={{ opacity }}>
        {comparing ? <PixelCanvas pixels={before.pixels} label={`Before: ${before.label}`} testId="canvas-result-before" /> : null}
        <PixelCanvas
          pixels={image.pixels}
          label={comparing ? `After: ${image.label}` : image.label}
          testId="canvas-result"
          kind={image.kind}
          style={comparing ? { clipPath: `inset(0 0 0 ${position}%)` } : undefined}
        />
        {comparing ? <div className="canvas-result-divider" style={{ left: `${position}%` }} aria-hidden="true" /> : null}
      </div>
    </foreignObject>
  );
}
