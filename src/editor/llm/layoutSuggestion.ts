/**
 * What the assistant panel's buttons do: ask the endpoint (two stages, streaming into the
 * proposal store), stop, read a pasted answer, accept (one undoable document replacement, like
 * every import) or reject. Nothing here writes the document except `acceptProposal`.
 */
import { parsePastedAnswer } from '../../llm/answerParsing';
import { suggestLayout } from '../../llm/layoutAssistant';
import { LlmEndpointError } from '../../llm/llmErrors';
import type { PromptContext } from '../../llm/layoutPrompts';
import { replaceDocument } from '../../store/documentEdits';
import { applyEdit } from '../../store/history';
import { notify, select } from '../../store/sessionStore';
import { clearProposal, setProposal, useLayoutProposalStore } from './layoutProposalStore';
import { endpointFromSettings, useLlmSettingsStore } from './llmSettingsStore';
import { usePackVocabularyStore } from './packVocabularyStore';

let running: AbortController | null = null;

export function promptContext(): PromptContext {
  return { vocabulary: usePackVocabularyStore.getState().vocabulary };
}

/** Starts a two-stage request; a running one is stopped first. */
export async function requestSuggestion(caption: string, stage1Prompt?: string): Promise<void> {
  const settings = useLlmSettingsStore.getState();
  const endpoint = endpointFromSettings(settings);
  if (!endpoint.ok) {
    notify('error', 'Set up the endpoint first.', endpoint.errors);
    return;
  }
  running?.abort();
  const controller = new AbortController();
  running = controller;
  setProposal({ status: 'streaming', stage: 1, caption, layout: null, error: null, transcript: null });
  const outcome = await suggestLayout({
    config: endpoint.config,
    caption,
    context: promptContext(),
    stream: settings.stream,
    signal: controller.signal,
    ...(stage1Prompt !== undefined ? { stage1Prompt } : {}),
    onProgress: (progress) => {
      if (running === controller) setProposal({ stage: progress.stage, layout: progress.preview });
    },
  });
  if (running !== controller) return; // superseded by a newer request
  running = null;
  if (outcome.ok) setProposal({ status: 'ready', layout: outcome.layout, transcript: outcome.transcript, error: null });
  else setProposal({ status: 'failed', stage: outcome.stage, layout: outcome.partial, transcript: outcome.transcript, error: outcome.error });
}

export function stopSuggestion(): void {
  running?.abort();
}

export function readPastedAnswer(caption: string, text: string): void {
  running?.abort();
  running = null;
  setProposal({ status: 'ready', stage: 0, caption, layout: parsePastedAnswer(caption, text), error: null, transcript: null });
}

/** Replaces the layout with the proposal: one undo step. */
export function acceptProposal(): void {
  const { layout } = useLayoutProposalStore.getState();
  if (!layout || layout.document.blobs.length === 0) return;
  running?.abort();
  running = null;
  applyEdit(replaceDocument(layout.document));
  select(null);
  const count = layout.document.blobs.length;
  notify(layout.rejected.length + layout.notes.length > 0 ? 'warning' : 'success', `Accepted the suggested layout (${String(count)} blob${count === 1 ? '' : 's'}).`, [
    ...(layout.rejected.length > 0 ? [`${String(layout.rejected.length)} line(s) of the answer could not be used.`] : []),
    'Undo (Ctrl+Z) brings the previous layout back.',
  ]);
  clearProposal();
}

export function rejectProposal(): void {
  running?.abort();
  running = null;
  clearProposal();
}

export function isStopped(error: LlmEndpointError | null): boolean {
  return error?.kind === 'cancelled';
}
