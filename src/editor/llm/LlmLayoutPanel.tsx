import { useId, useState } from 'react';
import { buildStage1Prompt } from '../../llm/layoutPrompts';
import { useDocumentStore } from '../../store/documentStore';
import { EndpointSettings } from './EndpointSettings';
import { useLayoutProposalStore } from './layoutProposalStore';
import { acceptProposal, promptContext, rejectProposal, requestSuggestion, stopSuggestion } from './layoutSuggestion';
import { endpointFromSettings, useLlmSettingsStore } from './llmSettingsStore';
import { usePackVocabularyStore } from './packVocabularyStore';
import { PasteAnswer } from './PasteAnswer';
import { ProposalReport } from './ProposalReport';
import './llmPanel.css';

/**
 * "Layout from a language model" (BlobGEN §2.3): caption → Suggest layout → ghost outlines while
 * the answer streams → Accept (one undo step) / Reject / Regenerate, or edit the prompt first.
 */
export function LlmLayoutPanel() {
  const id = useId();
  const documentCaption = useDocumentStore((s) => s.caption);
  const [typed, setTyped] = useState('');
  const [editedPrompt, setEditedPrompt] = useState<string | null>(null);
  const caption = (typed.trim() === '' ? documentCaption : typed).trim();
  const configured = useLlmSettingsStore((s) => endpointFromSettings(s).ok);
  const vocabulary = usePackVocabularyStore((s) => s.vocabulary);
  const status = useLayoutProposalStore((s) => s.status);
  const stage = useLayoutProposalStore((s) => s.stage);
  const layout = useLayoutProposalStore((s) => s.layout);
  const error = useLayoutProposalStore((s) => s.error);
  const lastCaption = useLayoutProposalStore((s) => s.caption);
  const blobs = layout?.document.blobs.length ?? 0;
  const streaming = status === 'streaming';
  const canAsk = configured && caption !== '' && !streaming;

  return (
    <section className="panel-section llm-panel" aria-labelledby={`${id}-heading`} data-testid="llm-panel" data-status={status}>
      <h2 id={`${id}-heading`}>Layout from a language model</h2>
      <EndpointSettings />
      <label className="field-label" htmlFor={`${id}-caption`}>
        Caption to lay out
      </label>
      <textarea
        id={`${id}-caption`}
        data-testid="llm-caption"
        rows={2}
        value={typed}
        placeholder={documentCaption || 'e.g. a red ball and a blue striped oval on a white background'}
        onChange={(event) => setTyped(event.target.value)}
      />
      {vocabulary ? (
        <p className="hint" data-testid="llm-vocabulary">
          The prompt lists the {vocabulary.words.length} words {vocabulary.packName} knows, so the descriptions use them.
        </p>
      ) : null}
      {editedPrompt === null ? (
        <div className="button-row">
          <button type="button" className="primary" data-testid="llm-suggest" disabled={!canAsk} onClick={() => void requestSuggestion(caption)}>
            Suggest layout
          </button>
          <button type="button" data-testid="llm-edit-prompt" disabled={!canAsk} onClick={() => setEditedPrompt(buildStage1Prompt(caption, promptContext()))}>
            Edit prompt first…
          </button>
        </div>
      ) : (
        <>
          <label className="field-label" htmlFor={`${id}-prompt`}>
            Stage-1 prompt (stage 2 is built from its answer)
          </label>
          <textarea
            id={`${id}-prompt`}
            className="llm-prompt"
            data-testid="llm-prompt-editor"
            rows={10}
            spellCheck={false}
            value={editedPrompt}
            onChange={(event) => setEditedPrompt(event.target.value)}
          />
          <div className="button-row">
            <button
              type="button"
              className="primary"
              data-testid="llm-send-prompt"
              disabled={!configured || streaming || editedPrompt.trim() === ''}
              onClick={() => {
                void requestSuggestion(caption, editedPrompt);
                setEditedPrompt(null);
              }}
            >
              Send this prompt
            </button>
            <button type="button" data-testid="llm-cancel-prompt" onClick={() => setEditedPrompt(null)}>
              Cancel
            </button>
          </div>
        </>
      )}
      <p className="llm-status" data-testid="llm-status" aria-live="polite">
        {streaming
          ? stage === 1
            ? `Stage 1: ${String(blobs)} object${blobs === 1 ? '' : 's'} so far…`
            : 'Stage 2: writing descriptions…'
          : status === 'ready'
            ? `Suggested ${String(blobs)} blob${blobs === 1 ? '' : 's'} (dashed outlines). Accept to use them.`
            : status === 'failed'
              ? error?.kind === 'cancelled'
                ? 'Stopped.'
                : 'The request failed; the layout is unchanged.'
              : ''}
      </p>
      {status !== 'idle' ? (
        <div className="button-row">
          {streaming ? (
            <button type="button" data-testid="llm-stop" onClick={stopSuggestion}>
              Stop
            </button>
          ) : null}
          <button type="button" className="primary" data-testid="llm-accept" disabled={streaming || blobs === 0} onClick={acceptProposal}>
            {status === 'failed' ? `Accept the ${String(blobs)} blob${blobs === 1 ? '' : 's'} that arrived` : 'Accept'}
          </button>
          <button type="button" data-testid="llm-reject" onClick={rejectProposal}>
            Reject
          </button>
          <button type="button" data-testid="llm-regenerate" disabled={!configured || streaming || lastCaption === ''} onClick={() => void requestSuggestion(lastCaption)}>
            Regenerate
          </button>
        </div>
      ) : null}
      <ProposalReport />
      <PasteAnswer caption={caption} />
      <p className="hint">Requests go only to the endpoint above; nothing else leaves the browser. Setting up llama.cpp, Ollama, LM Studio or vLLM: docs/llm-layouts.md.</p>
    </section>
  );
}
