/**
 * The embed widget's UI: the layout canvas (the editor's own, read-only when asked), the caption,
 * the selected blob's description, Generate and Cancel, progress and the result. Which controls
 * show comes from the mount options; the canvas always shows.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { EditorCanvas } from '../../editor/canvas/EditorCanvas';
import { useEditorShortcuts } from '../../editor/keyboard/useEditorShortcuts';
import { setCaption, updateBlob } from '../../store/documentEdits';
import { useDocumentStore } from '../../store/documentStore';
import { applyCoalescedEdit } from '../../store/history';
import { useSessionStore } from '../../store/sessionStore';
import { browserHasWebGpu, NO_WEBGPU_MESSAGE } from '../../studio/run/webGpuSupport';
import type { EmbedController } from './embedController';
import type { EmbedOptions } from './embedOptions';
import type { EmbedRunner } from './embedRunner';
import { useEmbedView } from './embedViewStore';

export interface EmbedAppProps {
  options: EmbedOptions;
  controller: EmbedController;
  runner: EmbedRunner;
  /** Browser features this frame cannot use (opaque-origin sandbox, blocked storage). */
  missing: readonly string[];
  /** Mount options that were not valid (each fell back to its default). */
  problems: readonly string[];
  /** Called once the UI has committed to the DOM (the host's `hello` is answered then). */
  onMounted: () => void;
}

/** Keyboard editing (arrows, Delete, undo) exactly as in the app; mounted only when editable. */
function EditorShortcuts() {
  useEditorShortcuts();
  return null;
}

function CaptionField({ readOnly }: { readOnly: boolean }) {
  const caption = useDocumentStore((state) => state.caption);
  if (readOnly) {
    return (
      <p className="embed-caption" data-testid="embed-caption">
        <span className="field-label">Caption</span> {caption || <em>(no caption)</em>}
      </p>
    );
  }
  return (
    <div className="embed-caption">
      <label className="field-label" htmlFor="embed-caption-input">
        Caption
      </label>
      <input id="embed-caption-input" data-testid="embed-caption" type="text" value={caption} onChange={(event) => applyCoalescedEdit('caption', setCaption(event.target.value))} />
    </div>
  );
}

function DescriptionField({ readOnly }: { readOnly: boolean }) {
  const selectedId = useSessionStore((state) => state.selectedId);
  const blobs = useDocumentStore((state) => state.blobs);
  const index = blobs.findIndex((blob) => blob.id === selectedId);
  const blob = blobs[index];
  if (!blob) return <p className="hint" data-testid="embed-description-empty">Select a blob to see its description.</p>;
  const label = `Blob ${String(index + 1)} description`;
  if (readOnly || blob.locked) {
    return (
      <p className="embed-description" data-testid="embed-description">
        <span className="field-label">{label}</span> {blob.description || <em>(no description)</em>}
      </p>
    );
  }
  return (
    <div className="embed-description">
      <label className="field-label" htmlFor="description-input">
        {label}
      </label>
      <input id="description-input" data-testid="embed-description" type="text" value={blob.description} onChange={(event) => applyCoalescedEdit(`description:${blob.id}`, updateBlob(blob.id, { description: event.target.value }))} />
    </div>
  );
}

export function EmbedApp({ options, controller, runner, missing, problems, onMounted }: EmbedAppProps) {
  useEffect(onMounted, [onMounted]);
  const run = useSyncExternalStore(runner.subscribe, runner.getState);
  const { result, outcome } = useEmbedView();
  const show = (control: Parameters<typeof options.controls.has>[0]) => options.controls.has(control);
  const busy = run.status !== 'idle';
  return (
    <main className="embed" aria-label="BlobGEN layout widget">
      {!options.readOnly ? <EditorShortcuts /> : null}
      {missing.length > 0 ? (
        <div className="embed-notice is-error" role="alert" data-testid="embed-missing">
          <strong>This page embeds the widget in a sandbox that blocks what it needs.</strong> Missing here: {missing.join(', ')}. Generating needs
          them; the embedding page should allow them (sandbox="allow-scripts allow-same-origin", see the widget's documentation).
        </div>
      ) : null}
      {!browserHasWebGpu() ? (
        <p className="embed-notice" role="status" data-testid="embed-no-webgpu">
          {NO_WEBGPU_MESSAGE}
        </p>
      ) : null}
      {problems.map((problem) => (
        <p key={problem} className="embed-notice" role="status">
          {problem}
        </p>
      ))}
      <div className="embed-panes">
        <div className="embed-canvas">
          <EditorCanvas readOnly={options.readOnly} />
        </div>
        {show('result') && result ? (
          <figure className="embed-result">
            <img data-testid="embed-result" src={result.url} width={result.width} height={result.height} alt={`Generated image, seed ${String(result.seed)}`} />
            <figcaption className="hint">
              {result.width}×{result.height}, seed {result.seed}
            </figcaption>
          </figure>
        ) : null}
      </div>
      {show('caption') ? <CaptionField readOnly={options.readOnly} /> : null}
      {show('description') ? <DescriptionField readOnly={options.readOnly} /> : null}
      {show('generate') ? (
        <div className="button-row">
          <button type="button" className="primary" data-testid="embed-generate" disabled={busy} onClick={() => void controller.generate()}>
            Generate
          </button>
          <button type="button" data-testid="embed-cancel" disabled={!busy || (run.status === 'running' && run.cancelling)} onClick={() => void controller.cancel()}>
            Cancel
          </button>
        </div>
      ) : null}
      {show('progress') && busy ? (
        <div className="embed-progress" data-testid="embed-progress">
          <progress aria-label="Generation progress" data-testid="embed-progress-bar" max={run.status === 'running' ? run.steps : undefined} value={run.status === 'running' ? run.step : undefined} />
          <span className="hint">{run.status === 'loading' ? run.detail : run.cancelling ? 'Cancelling…' : `Step ${String(run.step)} of ${String(run.steps)}`}</span>
        </div>
      ) : null}
      <p className={`embed-outcome${outcome?.tone === 'error' ? ' is-error' : ''}`} role="status" aria-live="polite" data-testid="embed-outcome">
        {outcome?.text ?? ''}
      </p>
    </main>
  );
}
