import { serializeLayoutJson } from '../layout/layoutJson';
import type { LayoutDocument } from '../layout/types';
import { resolveTabConflict } from '../store/persistence';
import { useSessionStore } from '../store/sessionStore';

/** Mine, as a Layout JSON file: the copy that "Keep mine as a copy" keeps. */
function downloadCopy(mine: LayoutDocument): void {
  const url = URL.createObjectURL(new Blob([serializeLayoutJson(mine)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'blobgen-layout-copy.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Another tab saved this layout while this tab had edits that were not saved yet. Autosave holds
 * this tab's writes (so neither version is lost) until the person picks one.
 */
export function TabConflictBanner() {
  const theirs = useSessionStore((state) => state.tabConflict);
  if (!theirs) return null;
  const blobs = theirs.blobs.length === 1 ? '1 blob' : `${String(theirs.blobs.length)} blobs`;
  return (
    <div className="storage-banner" role="alert" data-testid="tab-conflict">
      <div>
        <p className="notice-title">This layout was changed in another tab.</p>
        <p className="storage-detail">
          The other tab saved a version with {blobs}
          {theirs.caption ? ` and the caption “${theirs.caption}”` : ''}. Your changes here are not saved until you choose.
        </p>
      </div>
      <div className="button-row">
        <button type="button" data-testid="conflict-load-theirs" onClick={() => void resolveTabConflict('load-theirs')}>
          Load theirs
        </button>
        <button type="button" className="primary" data-testid="conflict-keep-mine" onClick={() => void resolveTabConflict('keep-mine-as-copy', downloadCopy)}>
          Keep mine as a copy
        </button>
      </div>
    </div>
  );
}
