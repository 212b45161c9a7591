import { MAX_CAPTION_LENGTH } from '../../layout/limits';
import { setCaption } from '../../store/documentEdits';
import { useDocumentStore } from '../../store/documentStore';
import { applyCoalescedEdit } from '../../store/history';

/** The global caption: what the whole picture shows (segment 0 of the model's attention). */
export function CaptionField() {
  const caption = useDocumentStore((state) => state.caption);
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
        maxLength={MAX_CAPTION_LENGTH}
        placeholder="The whole picture, e.g. “a cosy living room at dusk”"
        onChange={(event) => applyCoalescedEdit('caption', setCaption(event.target.value))}
      />
    </section>
  );
}
