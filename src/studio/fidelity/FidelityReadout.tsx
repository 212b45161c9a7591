import { useMemo } from 'react';
import type { LayoutDocument } from '../../layout/types';
import { FOLLOWED_THRESHOLD, measureColourFidelity, type ColourVocabulary, type RgbaPixels } from './colourFidelity';

/**
 * How well each blob of a result shows the colour its description names, measured like
 * training/'s per-blob colour accuracy (so "followed" means what it means in the training log).
 */
export function FidelityReadout({ image, layout, vocabulary }: { image: RgbaPixels; layout: LayoutDocument; vocabulary: ColourVocabulary }) {
  const rows = useMemo(() => measureColourFidelity(image, layout, vocabulary), [image, layout, vocabulary]);
  const indexOf = new Map(layout.blobs.map((b, i) => [b.id, i]));
  return (
    <section className="studio-fidelity" aria-labelledby="studio-fidelity-heading" data-testid="fidelity-readout">
      <h3 id="studio-fidelity-heading">Colour fidelity</h3>
      <p className="studio-hint">Share of each blob’s inner pixels whose nearest vocabulary colour is one its description names.</p>
      {rows.length === 0 ? <p className="empty-note">No blobs in this result.</p> : null}
      <ul>
        {rows.map((row) => {
          const blob = layout.blobs[indexOf.get(row.blobId) ?? -1];
          const label = `Blob ${(indexOf.get(row.blobId) ?? 0) + 1}`;
          const followed = row.accuracy !== null && row.accuracy > FOLLOWED_THRESHOLD;
          return (
            <li key={row.blobId} data-testid="fidelity-row" data-accuracy={row.accuracy ?? ''}>
              <span className="studio-fidelity-label" title={blob?.description}>
                {label}
              </span>
              {row.accuracy === null ? (
                <span className="studio-hint">{row.describedColours.length === 0 ? 'names no known colour' : 'too small to measure'}</span>
              ) : (
                <>
                  <meter min={0} max={1} low={FOLLOWED_THRESHOLD} optimum={1} value={row.accuracy} aria-label={`${label} colour accuracy`} />
                  <span className={followed ? 'is-good' : 'is-bad'}>
                    {Math.round(row.accuracy * 100)} % {row.describedColours.join(' / ')}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
