import { useLayoutEffect, useState, type RefObject } from 'react';
import { unitsPerPixel } from './canvasSpace';

/**
 * Canvas units per CSS pixel, kept current as the canvas resizes, so handles, labels and
 * outlines have a constant on-screen size at any window size.
 */
export function usePixelSize(svgRef: RefObject<SVGSVGElement | null>): number {
  const [pixel, setPixel] = useState(1.5);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const update = () => setPixel(unitsPerPixel(svg));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(svg);
    return () => observer.disconnect();
  }, [svgRef]);
  return pixel;
}
