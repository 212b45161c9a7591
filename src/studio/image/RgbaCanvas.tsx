import { useEffect, useRef } from 'react';
import type { RgbaPixels } from '../fidelity/colourFidelity';

/**
 * Draws generated pixels at their native size; CSS scales the canvas up with `pixelated`
 * rendering, so a 64×64 result shows its real pixels instead of a blur.
 */
export function RgbaCanvas({ image, label, className, testId }: { image: RgbaPixels; label: string; className?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = image.width;
    canvas.height = image.height;
    context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  }, [image]);
  return <canvas ref={ref} role="img" aria-label={label} className={`studio-pixels ${className ?? ''}`} data-testid={testId} />;
}
