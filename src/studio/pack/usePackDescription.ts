import { useEffect } from 'react';
import { useRunStore } from '../run/runStore';
import type { StudioEngine } from '../run/studioEngine';
import { adoptPackDescription } from './adoptPackDescription';

/**
 * Asks the engine for the pack's description on mount (the worker reads only the manifest and
 * tokenizer; the model itself loads on first Generate). Only the worker ever reads the pack.
 */
export function usePackDescription(engine: StudioEngine, packUrl: string): void {
  useEffect(() => {
    let current = true;
    useRunStore.setState({ details: { status: 'loading' } });
    engine.info(packUrl).then(
      (description) => {
        if (current) adoptPackDescription(description);
      },
      (error: unknown) => {
        if (current) useRunStore.setState({ details: { status: 'failed', message: error instanceof Error ? error.message : String(error) } });
      },
    );
    return () => {
      current = false;
    };
  }, [engine, packUrl]);
}
