/**
 * Session state of the generation loop: the pack (as the worker loaded it and as the worker's
 * answer to `info`/`load` describes it), the run in progress with its live preview, and the latest results. Not undoable,
 * not persisted (the gallery persists results).
 */
import { create } from 'zustand';
import type { LayoutDocument } from '../../layout/types';
import type { EmbeddedSettings } from '../../png/layoutPngMetadata';
import type { RgbaImage } from '../../runtime/engine/imageOutput';
import type { LocalEditOutcome, PackDescription, PackInfo } from '../../worker/protocol';

export interface StudioResult {
  id: string;
  /** The layout exactly as it was generated (the editor may have moved on since). */
  layout: LayoutDocument;
  settings: EmbeddedSettings;
  image: RgbaImage;
  /** The PNG with the layout embedded, as downloaded. */
  png: Blob;
  /** Set when a local edit was asked for: applied (how many regions repainted) or why not. */
  localEdit?: LocalEditOutcome;
}

export type EngineState =
  | { status: 'unloaded' }
  | { status: 'loading'; detail: string; /** Share of the pack's bytes loaded, while files stream. */ fraction?: number }
  | { status: 'ready'; info: PackInfo }
  | { status: 'failed'; message: string }
  /** The GPU device was lost: the next Generate (or "Reload the model") rebuilds the engine. */
  | { status: 'lost'; message: string };

export type DetailsState = { status: 'loading' } | { status: 'ready'; details: PackDescription } | { status: 'failed'; message: string };

export type RunProgress =
  | { status: 'idle' }
  | {
      status: 'running';
      /** "Generating" or "Variation 2 of 4". */
      label: string;
      step: number;
      steps: number;
      preview: RgbaImage | null;
      cancelling: boolean;
    };

export interface RunOutcomeMessage {
  tone: 'info' | 'error';
  text: string;
}

interface RunState {
  engine: EngineState;
  details: DetailsState;
  progress: RunProgress;
  latest: StudioResult | null;
  /** The result before `latest`: the "before" of a before/after comparison. */
  previous: StudioResult | null;
  /** Every result of the last Generate / Variations click (four for variations). */
  batch: StudioResult[];
  outcome: RunOutcomeMessage | null;
}

export const useRunStore = create<RunState>()(() => ({
  engine: { status: 'unloaded' },
  details: { status: 'loading' },
  progress: { status: 'idle' },
  latest: null,
  previous: null,
  batch: [],
  outcome: null,
}));

export function pushResult(result: StudioResult): void {
  const { latest, batch } = useRunStore.getState();
  useRunStore.setState({ previous: latest, latest: result, batch: [...batch, result] });
}

/** Makes any earlier result the "before" of the comparison (e.g. a gallery item). */
export function setCompareBefore(result: StudioResult | null): void {
  useRunStore.setState({ previous: result });
}
