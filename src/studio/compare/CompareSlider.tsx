import { useId } from 'react';
import type { RgbaPixels } from '../fidelity/colourFidelity';
import { RgbaCanvas } from '../image/RgbaCanvas';
import { setComparePosition, useComparePosition } from './comparePositionStore';

/**
 * Before/after of a same-seed edit: the "after" image is revealed over the "before" up to the
 * slider position. The slider is a native range input, so arrows, Page Up/Down, Home and End
 * work and screen readers announce the position. The split is shared (comparePositionStore.ts):
 * the app shell mirrors it onto the compare on the editor canvas.
 */
export function CompareSlider({ before, after, beforeLabel, afterLabel }: { before: RgbaPixels; after: RgbaPixels; beforeLabel: string; afterLabel: string }) {
  const position = useComparePosition((state) => state.position);
  const id = useId();
  return (
    <figure className="studio-compare" data-testid="compare-view">
      <div className="studio-compare-stage" style={{ aspectRatio: `${after.width} / ${after.height}` }}>
        <RgbaCanvas image={before} label={`Before: ${beforeLabel}`} testId="compare-before" />
        <div className="studio-compare-after" style={{ clipPath: `inset(0 0 0 ${position}%)` }}>
          <RgbaCanvas image={after} label={`After: ${afterLabel}`} testId="compare-after" />
        </div>
        <div className="studio-compare-divider" style={{ left: `${position}%` }} aria-hidden="true" />
      </div>
      <label htmlFor={id} className="studio-compare-label">
        <span>Before · {beforeLabel}</span>
        <span>After · {afterLabel}</span>
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        value={position}
        onChange={(event) => setComparePosition(Number(event.target.value))}
        aria-valuetext={`${100 - position} % after, ${position} % before`}
        aria-label="Compare before and after"
        data-testid="compare-slider"
      />
    </figure>
  );
}
