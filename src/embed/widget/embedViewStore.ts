/** What the widget shows besides the layout: the last result and the last outcome line. Session state, never persisted. */
import { create } from 'zustand';

export interface ShownResult {
  url: string;
  width: number;
  height: number;
  seed: number;
}

export interface EmbedViewState {
  result: ShownResult | null;
  outcome: { tone: 'info' | 'error'; text: string } | null;
}

export const useEmbedView = create<EmbedViewState>()(() => ({ result: null, outcome: null }));

export function showResult(png: Blob, width: number, height: number, seed: number): void {
  const previous = useEmbedView.getState().result;
  if (previous) URL.revokeObjectURL(previous.url);
  useEmbedView.setState({ result: { url: URL.createObjectURL(png), width, height, seed }, outcome: null });
}

export function showOutcome(outcome: EmbedViewState['outcome']): void {
  useEmbedView.setState({ outcome });
}
