import { useStore } from 'zustand';
import { useDocumentStore } from '../store/documentStore';
import { redo, undo } from '../store/history';
import { useSessionStore } from '../store/sessionStore';
import { addDefaultBlob, clearLayout, deleteSelected, duplicateSelected } from './commands';
import { SaveStatus } from './SaveStatus';
import { ExamplesMenu } from './vocabulary/ExamplesMenu';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/** The app bar: the editing commands, each with its shortcut in the tooltip. */
export function Toolbar() {
  const canUndo = useStore(useDocumentStore.temporal, (state) => state.pastStates.length > 0);
  const canRedo = useStore(useDocumentStore.temporal, (state) => state.futureStates.length > 0);
  const selectedId = useSessionStore((state) => state.selectedId);
  const isEmpty = useDocumentStore((state) => state.blobs.length === 0 && state.caption === '');
  // The selection may name a blob that an undo just removed.
  const hasSelection = useDocumentStore((state) => state.blobs.some((blob) => blob.id === selectedId));
  return (
    <header className="toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1>BlobGEN Web</h1>
        <span className="brand-sub">Layout editor</span>
      </div>
      <div className="toolbar-group" role="toolbar" aria-label="Editing">
        <button type="button" className="primary" data-testid="add-blob" onClick={addDefaultBlob} title="Add a blob in the middle of the image">
          + Add blob
        </button>
        <button type="button" data-testid="undo" onClick={undo} disabled={!canUndo} title={`Undo (${mod}Z)`}>
          Undo
        </button>
        <button type="button" data-testid="redo" onClick={redo} disabled={!canRedo} title={`Redo (${mod}Shift+Z)`}>
          Redo
        </button>
        <button type="button" data-testid="duplicate" onClick={duplicateSelected} disabled={!hasSelection} title={`Duplicate (${mod}D)`}>
          Duplicate
        </button>
        <button type="button" data-testid="delete" onClick={deleteSelected} disabled={!hasSelection} title="Delete (Delete)">
          Delete
        </button>
        <button type="button" data-testid="clear-layout" onClick={clearLayout} disabled={isEmpty} title="Remove every blob and the caption (undoable)">
          Clear
        </button>
      </div>
      <ExamplesMenu />
      <SaveStatus />
    </header>
  );
}
