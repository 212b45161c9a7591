/**
 * The loaded pack's vocabulary as the layout assistant needs it. The editor cannot read the
 * studio's pack description (the editor and the studio never import each other), so the app
 * shell (src/shell/connectStudioToEditor.tsx) writes it here whenever the studio learns it.
 */
import { create } from 'zustand';
import type { PackVocabulary } from '../../llm/packVocabulary';

export const usePackVocabularyStore = create<{ vocabulary: PackVocabulary | undefined }>()(() => ({ vocabulary: undefined }));

export function setPackVocabulary(vocabulary: PackVocabulary | undefined): void {
  usePackVocabularyStore.setState({ vocabulary });
}
