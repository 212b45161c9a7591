import { useEffect } from 'react';
import { restoreAutosave } from '../store/persistence';
import { importLayoutFromUrl } from './importExport/importFromUrl';

let started = false;

/**
 * Once per page: bring back the autosaved layout, then apply a share link on top. A `#layout=`
 * link opened in a tab that already shows the app changes only the fragment (no page load), so
 * fragment changes are imported too.
 */
export function useStartup(): void {
  useEffect(() => {
    // StrictMode mounts effects twice in development; start-up must run once.
    if (started) return;
    started = true;
    void restoreAutosave().then(() => {
      void importLayoutFromUrl();
      window.addEventListener('hashchange', () => void importLayoutFromUrl());
    });
  }, []);
}
