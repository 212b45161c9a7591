/**
 * The layout the assistant proposes, while it streams and until it is accepted or rejected:
 * session state, outside the document and its undo history, so ghost outlines and a failed or
 * rejected proposal never change the layout. Accepting replaces the document in one undo step.
 */
import { create } from 'zustand';
import type { AssistantLayout } from '../../llm/answerParsing';
import type { SuggestTranscript } from '../../llm/layoutAssistant';
import type { LlmEndpointError } from '../../llm/llmErrors';

export type ProposalStatus = 'idle' | 'streaming' | 'ready' | 'failed';

export interface LayoutProposal {
  status: ProposalStatus;
  /** Which request is running or failed; 0 for a pasted answer. */
  stage: 0 | 1 | 2;
  caption: string;
  layout: AssistantLayout | null;
  error: LlmEndpointError | null;
  transcript: SuggestTranscript | null;
}

export const useLayoutProposalStore = create<LayoutProposal>()(() => ({
  status: 'idle',
  stage: 0,
  caption: '',
  layout: null,
  error: null,
  transcript: null,
}));

export function setProposal(change: Partial<LayoutProposal>): void {
  useLayoutProposalStore.setState(change);
}

export function clearProposal(): void {
  useLayoutProposalStore.setState({ status: 'idle', stage: 0, layout: null, error: null, transcript: null });
}
