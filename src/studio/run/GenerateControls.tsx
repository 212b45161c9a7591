import { useRunStore } from './runStore';
import { RgbaCanvas } from '../image/RgbaCanvas';
import { RESULT_BOX_PX } from '../image/pixelPresentation';
import { VARIATION_COUNT, type StudioRunner } from './useStudioRunner';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const GENERATE_SHORTCUT_LABEL = isMac ? '⌘↵' : 'Ctrl+Enter';

/** Generate / Variations / Cancel, the per-step progress bar and the live preview. */
export function GenerateControls({ runner, unavailable }: { runner: StudioRunner; unavailable?: string }) {
  const progress = useRunStore((s) => s.progress);
  const engine = useRunStore((s) => s.engine);
  const outcome = useRunStore((s) => s.outcome);
  const running = progress.status === 'running';
  if (unavailable) {
    return (
      <p className="studio-message is-warning" role="status" data-testid="generate-unavailable">
        {unavailable}
      </p>
    );
  }
  return (
    <div className="studio-generate" data-testid="studio-generate">
      <div className="studio-button-row">
        <button type="button" className="primary" onClick={() => void runner.generate()} disabled={running} data-testid="generate-button" aria-keyshortcuts="Control+Enter Meta+Enter">
          Generate <kbd>{GENERATE_SHORTCUT_LABEL}</kbd>
        </button>
        <button type="button" onClick={() => void runner.variations()} disabled={running} data-testid="variations-button" title={`The same layout with ${VARIATION_COUNT} new seeds`}>
          {VARIATION_COUNT} variations
        </button>
        {running ? (
          <button type="button" onClick={() => void runner.cancel()} disabled={progress.cancelling} data-testid="cancel-button">
            {progress.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      {running ? (
        <div className="studio-progress" data-testid="generate-progress">
          <label>
            <span>
              {engine.status === 'loading' ? engine.detail : progress.steps > 0 ? `${progress.label}: step ${progress.step} of ${progress.steps}` : progress.label}
            </span>
            {engine.status === 'loading' ? (
              // Bytes while the pack streams (a first Generate downloads it); indeterminate otherwise.
              <progress max={1} {...(engine.fraction === undefined ? {} : { value: engine.fraction })} data-testid="generate-progress-bar" data-stage="load" />
            ) : (
              <progress max={Math.max(1, progress.steps)} value={progress.step} data-testid="generate-progress-bar" />
            )}
          </label>
          {progress.preview ? <RgbaCanvas image={progress.preview} label={`Preview at step ${progress.step}`} className="studio-preview" testId="generate-preview" box={RESULT_BOX_PX} /> : null}
        </div>
      ) : null}
      {engine.status === 'failed' && !running ? (
        <p className="studio-message is-error" role="alert" data-testid="engine-error">
          The model could not be loaded: {engine.message}
        </p>
      ) : null}
      {engine.status === 'lost' && !running ? (
        <p className="studio-message is-error" role="alert" data-testid="engine-lost">
          {engine.message}{' '}
          <button type="button" onClick={() => void runner.reload()} data-testid="reload-model">
            Reload the model
          </button>
        </p>
      ) : null}
      {outcome && !running && engine.status !== 'lost' ? (
        <p className={`studio-message is-${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="run-outcome">
          {outcome.text}
        </p>
      ) : null}
    </div>
  );
}
