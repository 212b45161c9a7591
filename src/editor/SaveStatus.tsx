import { useSessionStore } from '../store/sessionStore';

/** Quiet autosave indicator; loud only when autosave is off (see StorageProblemBanner). */
export function SaveStatus() {
  const storage = useSessionStore((state) => state.storage);
  const text =
    storage.kind === 'loading' ? 'Opening saved layout…'
    : storage.kind === 'saving' ? 'Saving…'
    : storage.kind === 'saved' ? 'Saved in this browser'
    : 'Autosave off';
  return (
    <p className={`save-status is-${storage.kind}`} data-testid="save-status" aria-live="polite">
      {text}
    </p>
  );
}
