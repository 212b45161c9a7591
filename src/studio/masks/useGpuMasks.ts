import { useEffect, useState } from 'react';
import type { LayoutDocument } from '../../layout/types';
import type { StudioEngine } from '../run/studioEngine';
import type { SiteMasks } from './maskImage';

/** How long the layout must rest before asking the worker again (drags fire many edits). */
const SETTLE_MS = 200;

/**
 * The engine's own GPU masks for the layout, once the pack is loaded and while `enabled` (the
 * mask view is open). Null while unavailable, so the view shows the CPU reference instead.
 */
export function useGpuMasks(engine: StudioEngine, layout: LayoutDocument, enabled: boolean): SiteMasks[] | null {
  const [result, setResult] = useState<{ layout: LayoutDocument; sites: SiteMasks[] } | null>(null);
  useEffect(() => {
    if (!enabled || !engine.masks) return;
    let current = true;
    const timer = setTimeout(() => {
      engine.masks?.(layout).then(
        (readback) => {
          if (!current) return;
          const sites = readback.map(({ height, width, masks }) => {
            const cells = height * width;
            const count = Math.floor(masks.length / cells);
            return { resolution: { height, width }, masks: Array.from({ length: count }, (_, k) => masks.subarray(k * cells, (k + 1) * cells)) };
          });
          setResult({ layout, sites });
        },
        () => undefined, // readback failed (no WebGPU, or the pack did not load): the CPU reference stays on screen
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [engine, layout, enabled]);
  // Only masks of the layout on screen: stale ones would show the wrong picture.
  return enabled && result?.layout === layout ? result.sites : null;
}
