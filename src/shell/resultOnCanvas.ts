/**
 * The studio's image shown on the editor canvas (issue #19): the app shell copies the live
 * preview of a run, else the latest result, and the result before it (the compare's "before")
 * from the studio's run store into the editor's canvasResultStore, and mirrors the before/after
 * split both ways between the panel's CompareSlider and the canvas. Neither side imports the
 * other (lint rule `blobgen/import-boundaries`); only the shell sees both.
 */
import { setComparePosition, useComparePosition } from '../studio/compare/comparePositionStore';
import { useRunStore, type StudioResult } from '../studio/run/runStore';
import { setCanvasComparePosition, setCanvasImages, useCanvasResultStore, type CanvasImage } from '../editor/canvas/canvasResultStore';

function resultOnCanvas(result: StudioResult): CanvasImage {
  const { seed, steps } = result.settings;
  return { pixels: result.image, kind: 'result', label: `Generated image, seed ${seed}, ${steps} steps` };
}

/** What the canvas shows, from the studio's run state: the live preview while it runs, else the latest result. */
export function canvasImagesFor(state: Pick<ReturnType<typeof useRunStore.getState>, 'latest' | 'previous' | 'progress'>): { image: CanvasImage | null; before: CanvasImage | null } {
  const { latest, previous, progress } = state;
  const preview = progress.status === 'running' ? progress.preview : null;
  const image: CanvasImage | null = preview
    ? { pixels: preview, kind: 'preview', label: `Preview at step ${progress.status === 'running' ? progress.step : 0}` }
    : latest
      ? resultOnCanvas(latest)
      : null;
  const comparable = latest && previous && previous.image.width === latest.image.width && previous.image.height === latest.image.height;
  return { image, before: comparable ? resultOnCanvas(previous) : null };
}

/** Keeps the canvas's image and compare split in step with the studio; returns the unsubscribe. */
export function connectResultToCanvas(): () => void {
  const syncImages = () => {
    const next = canvasImagesFor(useRunStore.getState());
    const shown = useCanvasResultStore.getState();
    const same = (a: CanvasImage | null, b: CanvasImage | null) => a?.pixels === b?.pixels && a?.kind === b?.kind;
    if (!same(next.image, shown.image) || !same(next.before, shown.before)) setCanvasImages(next.image, next.before);
  };
  syncImages();
  setCanvasComparePosition(useComparePosition.getState().position);
  const unsubscribers = [
    useRunStore.subscribe(syncImages),
    useComparePosition.subscribe((state) => setCanvasComparePosition(state.position)),
    useCanvasResultStore.subscribe((state) => setComparePosition(state.comparePosition)),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    setCanvasImages(null, null);
  };
}
