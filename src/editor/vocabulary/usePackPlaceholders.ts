/** The caption and description placeholders for the loaded pack (src/layout/examples/packPlaceholders.ts). */
import { captionPlaceholder, descriptionPlaceholder } from '../../layout/examples/packPlaceholders';
import { usePackVocabularyStore } from '../llm/packVocabularyStore';

export function useCaptionPlaceholder(): string {
  return captionPlaceholder(usePackVocabularyStore((state) => state.vocabulary));
}

export function useDescriptionPlaceholder(): string {
  return descriptionPlaceholder(usePackVocabularyStore((state) => state.vocabulary));
}
