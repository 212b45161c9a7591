import { useState } from 'react';
import { useSessionStore } from '../store/sessionStore';
import { replaceStoredData, unreadableStoredDataAsText } from '../store/persistence';
import { TabConflictBanner } from './TabConflictBanner';

const REASONS = {
  corrupt: 'The layout saved in this browser is damaged and could not be opened.',
  'newer-version': 'The layout saved in this browser was made by a newer version of BlobGEN Web.',
  unavailable: 'This browser’s storage could not be opened, so layouts are not saved.',
} as const;

/** The storage banners: a conflict with another tab, or stored data that could not be opened. */
export function StorageProblemBanner() {
  return (
    <>
      <TabConflictBanner />
      <UnreadableStorageBanner />
    </>
  );
}

/**
 * Shown when the autosaved data could not be opened. Autosave stays off, so the stored data is
 * never overwritten behind the person's back: they can download it, or explicitly replace it.
 */
function UnreadableStorageBanner() {
  const storage = useSessionStore((state) => state.storage);
  const [busy, setBusy] = useState(false);
  if (storage.kind !== 'blocked') return null;
  const { reason, message } = storage.problem;
  const download = () => {
    const url = URL.createObjectURL(new Blob([unreadableStoredDataAsText()], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'blobgen-saved-data.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <div className="storage-banner" role="alert" data-testid="storage-problem" data-reason={reason}>
      <div>
        <p className="notice-title">{REASONS[reason]}</p>
        <p className="storage-detail">{message}</p>
        <p className="storage-detail">
          {reason === 'unavailable'
            ? 'You can keep editing; export your layout before leaving.'
            : 'It has been left untouched and autosave is paused. You can keep editing here.'}
        </p>
      </div>
      {reason === 'unavailable' ? null : (
        <div className="button-row">
          <button type="button" data-testid="download-stored" onClick={download}>
            Download saved data
          </button>
          <button
            type="button"
            className="danger"
            data-testid="replace-stored"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void replaceStoredData().finally(() => setBusy(false));
            }}
          >
            Replace it and turn autosave on
          </button>
        </div>
      )}
    </div>
  );
}
