/**
 * The studio wired to the editor's stores, so mounting it is one line for the app:
 *
 *   <EditorStudioPanel />                       (src/editor/SidePanel.tsx)
 *   handleDroppedFile(file, editorDropHandlers) (the app's drop handler)
 *
 * Restoring a layout is one undoable document replacement, like any import.
 */
import { useShallow } from 'zustand/react/shallow';
import { importLayoutFile } from '../editor/importExport/importLayout';
import type { LayoutDocument } from '../layout/types';
import { replaceDocument } from '../store/documentEdits';
import { useDocumentStore } from '../store/documentStore';
import { applyEdit } from '../store/history';
import { notify, select } from '../store/sessionStore';
import type { DropHandlers } from './drop/handleDroppedFile';
import { StudioPanel, type StudioPanelProps } from './StudioPanel';

export function restoreEditorLayout(document: LayoutDocument): void {
  applyEdit(replaceDocument(document));
  select(null);
}

export const editorDropHandlers: DropHandlers = {
  importLayoutFile,
  restoreLayout: restoreEditorLayout,
  notify,
};

export function EditorStudioPanel(props: Omit<StudioPanelProps, 'layout' | 'onRestoreLayout'>) {
  const layout = useDocumentStore(useShallow((state): LayoutDocument => ({ caption: state.caption, blobs: state.blobs })));
  return <StudioPanel layout={layout} onRestoreLayout={restoreEditorLayout} {...props} />;
}
