import { retryAutosave } from '../store/persistence';
import { useSessionStore } from '../store/sessionStore';

/**
 * Quiet autosave indicator; loud when the last edit is not stored (a failed write says why and
 * offers a retry) and when autosave is off (see StorageProblemBanner).
 */
export function SaveStatus() {
  const storage = useSessionStore((state) => state.storage);
  if (storage.kind === 'failed') {
    return (
      <p className="save-status is-failed" data-testid="save-status" role="alert">
        <span>Not saved: {storage.reason}. Retrying in {Math.round(storage.retryInMs / 1000)} s.</span>{' '}
        <button type="button" data-testid="retry-save" onClick={() => void retryAutosave()}>
          Retry now
        </button>
      </p>
    );
  }
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
