import { useId } from 'react';
import {
  setCanvasCompare,
  setCanvasComparePosition,
  setCanvasResultOpacity,
  setLayoutVisible,
  TOGGLE_LAYOUT_KEY,
  useCanvasResultStore,
} from './canvasResultStore';

/**
 * View controls for the image on the canvas: its opacity, the layout on or off (key H), and the
 * before/after compare with its split. Shown once there is an image (or while the layout is
 * hidden, so there is always a way back besides the key).
 */
export function CanvasResultControls() {
  const id = useId();
  const image = useCanvasResultStore((state) => state.image);
  const before = useCanvasResultStore((state) => state.before);
  const opacity = useCanvasResultStore((state) => state.opacity);
  const layoutVisible = useCanvasResultStore((state) => state.layoutVisible);
  const compare = useCanvasResultStore((state) => state.compare);
  const position = useCanvasResultStore((state) => state.comparePosition);
  if (!image && layoutVisible) return null;
  const percent = Math.round(opacity * 100);
  return (
    <div className="canvas-result-controls" role="group" aria-label="Image on the canvas" data-testid="canvas-result-controls">
      {image ? (
        <label htmlFor={`${id}-opacity`} className="canvas-control">
          <span>Image</span>
          <input
            id={`${id}-opacity`}
            type="range"
            min={0}
            max={100}
            step={5}
            value={percent}
            aria-valuetext={`${percent} %`}
            onChange={(event) => setCanvasResultOpacity(Number(event.target.value) / 100)}
            data-testid="canvas-result-opacity"
          />
          <output htmlFor={`${id}-opacity`}>{percent} %</output>
        </label>
      ) : null}
      <label className="canvas-control">
        <input type="checkbox" checked={layoutVisible} onChange={(event) => setLayoutVisible(event.target.checked)} aria-keyshortcuts={TOGGLE_LAYOUT_KEY} data-testid="canvas-layout-toggle" />
        <span>
          Layout <kbd>{TOGGLE_LAYOUT_KEY}</kbd>
        </span>
      </label>
      {image && before ? (
        <>
          <label className="canvas-control">
            <input type="checkbox" checked={compare} onChange={(event) => setCanvasCompare(event.target.checked)} data-testid="canvas-compare-toggle" />
            <span>Before / after</span>
          </label>
          {compare ? (
            <input
              type="range"
              min={0}
              max={100}
              step={1}
              value={position}
              onChange={(event) => setCanvasComparePosition(Number(event.target.value))}
              aria-label="Compare before and after on the canvas"
              aria-valuetext={`${100 - position} % after, ${position} % before`}
              data-testid="canvas-compare-slider"
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
