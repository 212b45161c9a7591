import { MAX_DESCRIPTION_LENGTH } from '../../layout/limits';
import type { Blob } from '../../layout/types';
import { updateBlob } from '../../store/documentEdits';
import { useDocumentStore } from '../../store/documentStore';
import { applyCoalescedEdit, applyEdit } from '../../store/history';
import { useSessionStore } from '../../store/sessionStore';
import { blobColor } from '../../layout/blobColors';
import { BLOB_FIELDS } from './blobFields';
import { NumberField } from './NumberField';
import { BlobWeightsFields } from './BlobWeightsFields';
import { textLength } from '../../layout/textUnits';
import { changeLimitedText } from './limitedText';
import { UnknownWords } from '../vocabulary/UnknownWords';
import { useDescriptionPlaceholder } from '../vocabulary/usePackPlaceholders';

/** Edits the selected blob: its description and exact geometry. */
export function Inspector() {
  const selectedId = useSessionStore((state) => state.selectedId);
  const blobs = useDocumentStore((state) => state.blobs);
  const index = blobs.findIndex((blob) => blob.id === selectedId);
  const blob = blobs[index];
  return (
    <section className="panel-section" aria-labelledby="inspector-heading" data-testid="inspector">
      <h2 id="inspector-heading">
        {blob ? (
          <>
            <span className="swatch" style={{ background: blobColor(index) }} aria-hidden="true">
              {index + 1}
            </span>
            Selected blob
          </>
        ) : (
          'Selected blob'
        )}
      </h2>
      {blob ? (
        <BlobInspector key={blob.id} blob={blob} />
      ) : (
        <p className="empty-note">Select a blob (click it, or Tab to it) to describe it and set its exact position.</p>
      )}
    </section>
  );
}

function BlobInspector({ blob }: { blob: Blob }) {
  const id = blob.id;
  const placeholder = useDescriptionPlaceholder();
  return (
    <div className="inspector">
      <label className="field-label" htmlFor="description-input">
        Description
      </label>
      <textarea
        id="description-input"
        data-testid="description-input"
        rows={3}
        value={blob.description}
        placeholder={placeholder}
        onChange={(event) =>
          changeLimitedText(blob.description, event.target.value, MAX_DESCRIPTION_LENGTH, 'description', (description) =>
            applyCoalescedEdit(`description:${id}`, updateBlob(id, { description })),
          )
        }
      />
      <p className="char-count" aria-live="off" data-testid="description-count">
        {textLength(blob.description)} / {MAX_DESCRIPTION_LENGTH}
      </p>
      <UnknownWords
        text={blob.description}
        field="description"
        onFix={(description) =>
          changeLimitedText(blob.description, description, MAX_DESCRIPTION_LENGTH, 'description', (fixed) => applyEdit(updateBlob(id, { description: fixed })))
        }
      />
      {blob.locked ? <p className="locked-note">Locked: unlock it in the list to change its geometry.</p> : null}
      <div className="number-grid">
        {BLOB_FIELDS.map((field) => (
          <NumberField
            key={field.key}
            label={field.label}
            hint={field.hint}
            value={field.read(blob)}
            step={field.step}
            format={field.format}
            check={field.check}
            disabled={Boolean(blob.locked)}
            testId={`field-${field.key}`}
            onValid={(value) => applyCoalescedEdit(`${field.key}:${id}`, updateBlob(id, field.patch(value)))}
          />
        ))}
      </div>
      <BlobWeightsFields blob={blob} />
    </div>
  );
}
