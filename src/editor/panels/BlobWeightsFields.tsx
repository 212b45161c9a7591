import type { Blob } from '../../layout/types';
import { updateBlob } from '../../store/documentEdits';
import { applyCoalescedEdit } from '../../store/history';
import { BLOB_WEIGHT_FIELDS } from './blobWeightFields';
import { NumberField } from './NumberField';

/**
 * Strength, feather and active steps of the selected blob. Weights change how the model reads the
 * blob, not where it is, so they stay editable on a locked blob.
 */
export function BlobWeightsFields({ blob }: { blob: Blob }) {
  const [strength, feather, from, to] = BLOB_WEIGHT_FIELDS;
  const field = (spec: typeof strength) =>
    spec ? (
      <NumberField
        key={spec.key}
        label={spec.label}
        hint={spec.hint}
        value={spec.read(blob)}
        step={spec.step}
        format={spec.format}
        check={(text) => spec.check(text, blob)}
        disabled={false}
        testId={`field-${spec.key}`}
        onValid={(value) => applyCoalescedEdit(`${spec.key}:${blob.id}`, updateBlob(blob.id, spec.patch(value, blob)))}
      />
    ) : null;
  return (
    <fieldset className="blob-weights" data-testid="blob-weights">
      <legend>How the model reads it</legend>
      <div className="number-grid">
        {field(strength)}
        {field(feather)}
      </div>
      <p className="field-label" id={`active-steps-${blob.id}`}>
        Active steps (fractions of the run)
      </p>
      <div className="number-grid" role="group" aria-labelledby={`active-steps-${blob.id}`}>
        {field(from)}
        {field(to)}
      </div>
    </fieldset>
  );
}
