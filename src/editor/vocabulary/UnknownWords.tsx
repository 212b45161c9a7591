/**
 * Under a caption or description field: the words the loaded pack's tokenizer does not know
 * (they become [UNK] and paint nothing), each with the known word it probably means and a
 * one-click fix. The fix is handed back to the field (`onFix`), which applies it through its own
 * edit path as one undo step. Open-vocabulary packs have no word list, so nothing shows.
 */
import { useMemo } from 'react';
import { findUnknownWords, replaceWord } from '../../layout/vocabularyCheck';
import { usePackVocabularyStore } from '../llm/packVocabularyStore';
import './vocabulary.css';

/** More marks than this are summarised: a pasted paragraph should not bury the field. */
const MAX_MARKS = 8;

export interface UnknownWordsProps {
  text: string;
  /** Called with the whole corrected text. */
  onFix: (next: string) => void;
  /** Names the field in the list's label ("caption", "description"). */
  field: string;
}

export function UnknownWords({ text, onFix, field }: UnknownWordsProps) {
  const vocabulary = usePackVocabularyStore((state) => state.vocabulary);
  const unknown = useMemo(() => findUnknownWords(text, vocabulary), [text, vocabulary]);
  if (!vocabulary || unknown.length === 0) return null;
  const shown = unknown.slice(0, MAX_MARKS);
  return (
    <div className="unknown-words" data-testid={`unknown-words-${field}`}>
      <p className="unknown-words-note">
        {vocabulary.packName} does not know {unknown.length === 1 ? 'this word' : 'these words'} in the {field}; {unknown.length === 1 ? 'it paints' : 'they paint'} nothing:
      </p>
      <ul aria-label={`Unknown words in the ${field}`}>
        {shown.map((mark) => (
          <li key={`${String(mark.start)}:${mark.word}`} data-testid="unknown-word" data-word={mark.word} data-suggestion={mark.suggestion ?? ''}>
            <mark className="unknown-word">{mark.word}</mark>
            {mark.suggestion !== undefined ? (
              <button
                type="button"
                className="unknown-word-fix"
                data-testid="unknown-word-fix"
                aria-label={`Replace “${mark.word}” with “${mark.suggestion}”`}
                onClick={() => onFix(replaceWord(text, mark, mark.suggestion ?? mark.word))}
              >
                → {mark.suggestion}
              </button>
            ) : (
              <span className="unknown-word-none">no close word</span>
            )}
          </li>
        ))}
      </ul>
      {unknown.length > shown.length ? <p className="unknown-words-note">…and {String(unknown.length - shown.length)} more.</p> : null}
    </div>
  );
}
