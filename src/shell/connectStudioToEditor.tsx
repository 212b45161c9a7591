/**
 * The studio wired to the editor's stores. It lives in the app shell because the editor and the
 * studio never import each other (lint rule `blobgen/import-boundaries`); the shell (src/App.tsx)
 * mounts both:
 *
 *   <SidePanel><EditorStudioPanel /></SidePanel>
 *   handleDroppedFile(file, editorDropHandlers) (the app's drop handler)
 *
 * Restoring a layout is one undoable document replacement, like any import. The pack's
 * vocabulary, which the studio learns from the worker's `info` answer, is handed to the editor's
 * layout assistant here (src/editor/llm/packVocabularyStore.ts), so its prompts list the words
 * a closed-vocabulary pack knows. The latest result (or the live preview of a run) is shown on
 * the editor canvas, and the before/after split is shared with it (src/shell/resultOnCanvas.ts).
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { setPackVocabulary } from '../editor/llm/packVocabularyStore';
import { packVocabulary } from '../llm/packVocabulary';
import { useRunStore } from '../studio/run/runStore';
import { connectResultToCanvas } from './resultOnCanvas';
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

/** Keeps the assistant's vocabulary in step with the pack the studio describes. */
function usePackVocabularyForAssistant(): void {
  const details = useRunStore((state) => state.details);
  useEffect(() => {
    setPackVocabulary(details.status === 'ready' ? packVocabulary(details.details) : undefined);
  }, [details]);
}

export function EditorStudioPanel(props: Omit<StudioPanelProps, 'layout' | 'onRestoreLayout'>) {
  usePackVocabularyForAssistant();
  useEffect(connectResultToCanvas, []);
  const layout = useDocumentStore(useShallow((state): LayoutDocument => ({ caption: state.caption, blobs: state.blobs })));
  return <StudioPanel layout={layout} onRestoreLayout={restoreEditorLayout} {...props} />;
}
