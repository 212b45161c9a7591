/**
 * Registers the service worker that vite-plugin-pwa generates (`injectRegister: false`, so this is
 * the only registration). `registerType: 'prompt'`: a new version waits until the person presses
 * Reload in the update bar; nothing here ever reloads the page by itself.
 *
 * Browsers look for a new sw.js on navigations and about once a day; a tab that stays open for a
 * working session would miss a deploy, so we also ask when the tab becomes visible again, when the
 * network comes back, and every UPDATE_CHECK_MS.
 */
import { registerSW } from 'virtual:pwa-register';
import { usePwaStore } from './pwaStore';

const UPDATE_CHECK_MS = 60 * 60 * 1000;
let registered = false;

export function registerServiceWorker(): void {
  // The dev server serves no service worker (and must not cache modules it rebuilds).
  if (registered || import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  registered = true;
  const activate = registerSW({
    immediate: true,
    onNeedRefresh: () => usePwaStore.setState({ updateReady: true }),
    onOfflineReady: () => usePwaStore.setState({ offlineReady: true }),
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      const check = () => void registration.update().catch(() => undefined); // offline: try later
      setInterval(check, UPDATE_CHECK_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
      window.addEventListener('online', check);
    },
  });
  usePwaStore.setState({ activateUpdate: () => activate(true) });
}
