import { useEffect } from 'react';
import { adoptPackDefaults } from '../settings/settingsStore';
import { useRunStore } from '../run/runStore';
import { loadPackDetails } from './packDetails';

/** Reads the pack's manifest and tokenizer on mount (small files; the model itself loads on first Generate). */
export function usePackDetails(packUrl: string): void {
  useEffect(() => {
    const controller = new AbortController();
    useRunStore.setState({ details: { status: 'loading' } });
    loadPackDetails(packUrl, controller.signal).then(
      (details) => {
        adoptPackDefaults(details.defaults);
        useRunStore.setState({ details: { status: 'ready', details } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        useRunStore.setState({ details: { status: 'failed', message: error instanceof Error ? error.message : String(error) } });
      },
    );
    return () => controller.abort();
  }, [packUrl]);
}
