import { useEffect, useRef } from 'react';
import type { RgbaPixels } from '../fidelity/colourFidelity';
import { pixelPresentation } from './pixelPresentation';

/**
 * Draws generated pixels at their native size (the canvas is exactly width × height). CSS shows
 * it larger only for small images, with `pixelated` rendering, and shrinks large ones smoothly
 * (pixelPresentation.ts), so neither a 64² nor a 512² result is ever blurred. `box` (CSS px)
 * fixes the shown width for the result and preview; without it the surrounding CSS sizes it.
 */
export function RgbaCanvas({ image, label, className, testId, box }: { image: RgbaPixels; label: string; className?: string; testId?: string; box?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = image.width;
    canvas.height = image.height;
    context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  }, [image]);
  const shown = pixelPresentation(image.width, image.height, box);
  return (
    <canvas
      ref={ref}
      width={image.width}
      height={image.height}
      role="img"
      aria-label={label}
      className={`studio-pixels${shown.upscaled ? ' is-upscaled' : ''} ${className ?? ''}`}
      style={box !== undefined ? { width: `${shown.cssWidth}px` } : undefined}
      data-testid={testId}
      data-upscaled={shown.upscaled}
    />
  );
}
