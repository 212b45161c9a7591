import { useEffect } from 'react';
import { restoreAutosave } from '../store/persistence';
import { importLayoutFromUrl } from './importExport/importFromUrl';

let started = false;

/** Once per page: bring back the autosaved layout, then apply a `?layout=` link on top. */
export function useStartup(): void {
  useEffect(() => {
    // StrictMode mounts effects twice in development; start-up must run once.
    if (started) return;
    started = true;
    void restoreAutosave().then(() => importLayoutFromUrl());
  }, []);
}
