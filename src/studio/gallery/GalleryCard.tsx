import type { LayoutDocument } from '../../layout/types';
import { downloadBlob, resultFilename } from '../image/encodePng';
import type { GalleryEntry } from './galleryStore';
import { useBlobDataUrl } from './useBlobDataUrl';

export interface GalleryCardActions {
  onRestore: (entry: GalleryEntry) => void;
  onCompare: (entry: GalleryEntry) => void;
  onDelete: (entry: GalleryEntry) => void;
}

function layoutSummary(layoutJson: string): string {
  try {
    const value = JSON.parse(layoutJson) as Partial<LayoutDocument>;
    const blobs = Array.isArray(value.blobs) ? value.blobs.length : 0;
    const caption = typeof value.caption === 'string' && value.caption.trim() !== '' ? value.caption : 'no caption';
    return `${caption} · ${blobs} blob${blobs === 1 ? '' : 's'}`;
  } catch {
    return 'layout unreadable';
  }
}

/** One result: thumbnail, what made it (layout summary, seed, settings), and what can be done with it. */
export function GalleryCard({ entry, actions }: { entry: GalleryEntry; actions: GalleryCardActions }) {
  const thumbnail = useBlobDataUrl(entry.thumbnail);
  const { seed, steps, guidance, sampler } = entry.settings;
  const summary = layoutSummary(entry.layoutJson);
  return (
    <li className="studio-gallery-card" data-testid="gallery-item" data-id={entry.id} data-seed={seed} data-persisted={entry.persisted}>
      {thumbnail ? <img src={thumbnail} alt={`Result with seed ${seed}: ${summary}`} className="studio-pixels" /> : <div className="studio-thumb-placeholder" />}
      <div className="studio-gallery-meta">
        <p className="studio-gallery-summary" title={summary}>
          {summary}
        </p>
        <p>
          seed {seed} · {steps} steps · guidance {guidance} · {sampler}
        </p>
        <p className="studio-hint">
          <time dateTime={new Date(entry.createdAt).toISOString()}>{new Date(entry.createdAt).toLocaleString()}</time>
          {entry.persisted ? '' : ' · not saved (storage full): download it to keep it'}
        </p>
        <div className="studio-button-row">
          <button type="button" onClick={() => actions.onRestore(entry)} data-testid="gallery-restore">
            Restore this layout
          </button>
          <button type="button" onClick={() => downloadBlob(entry.image, resultFilename(entry.settings))} data-testid="gallery-download">
            Download
          </button>
          <button type="button" onClick={() => actions.onCompare(entry)} data-testid="gallery-compare" title="Compare with the latest result">
            Compare
          </button>
          <button type="button" onClick={() => actions.onDelete(entry)} data-testid="gallery-delete" aria-label={`Delete result with seed ${seed}`}>
            Delete
          </button>
        </div>
      </div>
    </li>
  );
}
