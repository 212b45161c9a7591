/**
 * The studio wired to the editor's stores. It lives in the app shell because the editor and the
 * studio never import each other (lint rule `blobgen/import-boundaries`); the shell (src/App.tsx)
 * mounts both:
 *
 *   <SidePanel><EditorStudioPanel /></SidePanel>
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
import { StudioPanel, type DropHandlers, type StudioPanelProps } from '../studio';

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
