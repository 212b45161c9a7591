import './pwa.css';
import { useEffect, useState } from 'react';
import { notify } from '../store/sessionStore';
import { flushAutosave } from '../store/persistence';
import { BUILD_ID } from './buildId';
import { usePwaStore } from './pwaStore';
import { registerServiceWorker } from './registerServiceWorker';

/**
 * "A new version is ready": shown when a new service worker waits. Reload saves the layout first
 * (autosave flush), then lets the new version take over; "Later" keeps working on this one (the
 * old service worker keeps serving this version's files, so nothing 404s meanwhile).
 */
export function UpdateBar() {
  const updateReady = usePwaStore((s) => s.updateReady);
  const offlineReady = usePwaStore((s) => s.offlineReady);
  const activateUpdate = usePwaStore((s) => s.activateUpdate);
  const [dismissed, setDismissed] = useState(false);
  const [reloading, setReloading] = useState(false);
  useEffect(() => registerServiceWorker(), []);
  useEffect(() => {
    if (offlineReady) notify('info', 'BlobGEN is ready to work offline.', ['The app is stored on this device. Model packs are stored when first used (Models panel).']);
  }, [offlineReady]);
  if (!updateReady || dismissed || !activateUpdate) return null;
  const reload = async () => {
    setReloading(true);
    let saved = false;
    let problem = 'The browser’s storage did not accept the latest change.';
    try {
      saved = await flushAutosave();
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (!saved) {
      // Never reload over work that could not be saved.
      setReloading(false);
      notify('error', 'The layout could not be saved, so the app was not reloaded. Save it to a file first, or try again.', [problem]);
      return;
    }
    await activateUpdate();
  };
  return (
    <div className="pwa-update-bar" role="status" data-testid="pwa-update-bar" title={`Running build ${BUILD_ID}`}>
      <span>A new version of BlobGEN is ready. Your layout is saved before it reloads.</span>
      <button type="button" className="primary" onClick={() => void reload()} disabled={reloading} data-testid="pwa-reload">
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
      <button type="button" onClick={() => setDismissed(true)} data-testid="pwa-later">
        Later
      </button>
    </div>
  );
}
