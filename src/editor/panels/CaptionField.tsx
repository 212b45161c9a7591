import { MAX_CAPTION_LENGTH } from '../../layout/limits';
import { setCaption } from '../../store/documentEdits';
import { useDocumentStore } from '../../store/documentStore';
import { applyCoalescedEdit, applyEdit } from '../../store/history';
import { textLength } from '../../layout/textUnits';
import { changeLimitedText } from './limitedText';
import { UnknownWords } from '../vocabulary/UnknownWords';
import { useCaptionPlaceholder } from '../vocabulary/usePackPlaceholders';

/** The global caption: what the whole picture shows (segment 0 of the model's attention). */
export function CaptionField() {
  const caption = useDocumentStore((state) => state.caption);
  const placeholder = useCaptionPlaceholder();
  return (
    <section className="panel-section" aria-labelledby="caption-heading">
      <h2 id="caption-heading">
        <label htmlFor="caption-input">Caption</label>
      </h2>
      <textarea
        id="caption-input"
        data-testid="caption-input"
        rows={2}
        value={caption}
        placeholder={placeholder}
        onChange={(event) =>
          changeLimitedText(caption, event.target.value, MAX_CAPTION_LENGTH, 'caption', (text) => applyCoalescedEdit('caption', setCaption(text)))
        }
      />
      <p className="char-count" aria-live="off" data-testid="caption-count">
        {textLength(caption)} / {MAX_CAPTION_LENGTH}
      </p>
      <UnknownWords
        text={caption}
        field="caption"
        onFix={(text) => changeLimitedText(caption, text, MAX_CAPTION_LENGTH, 'caption', (fixed) => applyEdit(setCaption(fixed)))}
      />
    </section>
  );
}
