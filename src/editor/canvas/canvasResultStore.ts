/**
 * What the canvas shows under the layout: the latest generated image (or the live preview of the
 * run in progress), the image before it for a before/after compare, and the person's view
 * settings (image opacity, layout shown or hidden, compare on or off and where it splits).
 *
 * The editor never imports the studio, so the app shell fills the image fields
 * (src/shell/connectStudioToEditor.tsx) and mirrors the compare split both ways. Session state
 * only: not undoable, not persisted.
 */
import { create } from 'zustand';

/** The key that shows or hides the layout over the image (src/editor/keyboard/shortcutFor.ts maps it). */
export const TOGGLE_LAYOUT_KEY = 'H';

/** Row-major RGBA pixels, 4 bytes each (the studio's RgbaImage has this shape). */
export interface CanvasPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

export interface CanvasImage {
  pixels: CanvasPixels;
  /** A step of the run in progress, or a finished result. */
  kind: 'preview' | 'result';
  /** Read aloud: what the image is (e.g. its seed and steps). */
  label: string;
}

export interface CanvasResultState {
  image: CanvasImage | null;
  /** The result before the latest one, when it has the same size (the compare's "before"). */
  before: CanvasImage | null;
  /** 0–1: how opaque the image is over the white frame. */
  opacity: number;
  layoutVisible: boolean;
  compare: boolean;
  /** 0–100: the split, in % of the width from the left; "after" shows right of it (as CompareSlider). */
  comparePosition: number;
}

export const useCanvasResultStore = create<CanvasResultState>()(() => ({
  image: null,
  before: null,
  opacity: 1,
  layoutVisible: true,
  compare: false,
  comparePosition: 50,
}));

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, Number.isFinite(value) ? value : low));

export function setCanvasImages(image: CanvasImage | null, before: CanvasImage | null): void {
  useCanvasResultStore.setState({ image, before });
}

export function setCanvasResultOpacity(opacity: number): void {
  useCanvasResultStore.setState({ opacity: clamp(opacity, 0, 1) });
}

export function setLayoutVisible(layoutVisible: boolean): void {
  useCanvasResultStore.setState({ layoutVisible });
}

/** The layout toggle (key H): hiding the outlines is only a view change, never an edit. */
export function toggleLayoutVisible(): void {
  setLayoutVisible(!useCanvasResultStore.getState().layoutVisible);
}

export function setCanvasCompare(compare: boolean): void {
  useCanvasResultStore.setState({ compare });
}

export function setCanvasComparePosition(position: number): void {
  const next = clamp(position, 0, 100);
  if (next !== useCanvasResultStore.getState().comparePosition) useCanvasResultStore.setState({ comparePosition: next });
}
