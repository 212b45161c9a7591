import { useEffect, useState } from 'react';
import { parseLayoutJson } from '../../layout/layoutJson';
import type { LayoutDocument } from '../../layout/types';
import { decodeImageBlob } from '../image/decodeImage';
import { setCompareBefore, useRunStore } from '../run/runStore';
import { GalleryCard } from './GalleryCard';
import { clearGallery, dismissGalleryProblem, loadGallery, removeFromGallery, useGalleryStore, type GalleryEntry } from './galleryStore';
import { restoreGalleryItem } from './restoreGalleryItem';

type Feedback = { tone: 'success' | 'warning' | 'error'; text: string } | null;

/** Every result, newest first, persisted in IndexedDB; restore, compare, download, delete, clear all. */
export function GalleryPanel({ onRestoreLayout }: { onRestoreLayout: (document: LayoutDocument) => void }) {
  const { status, entries, problem } = useGalleryStore();
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  useEffect(() => {
    void loadGallery();
  }, []);

  const report = (promise: Promise<unknown>, failure: string) =>
    promise.catch((error: unknown) => setFeedback({ tone: 'error', text: `${failure}: ${error instanceof Error ? error.message : String(error)}` }));

  const actions = {
    onRestore: (entry: GalleryEntry) => {
      const outcome = restoreGalleryItem(entry, onRestoreLayout);
      setFeedback(
        outcome.ok
          ? { tone: outcome.warnings.length > 0 ? 'warning' : 'success', text: [`Restored the layout and settings of seed ${entry.settings.seed} (seed locked).`, ...outcome.warnings].join(' ') }
          : { tone: 'error', text: outcome.message },
      );
    },
    onCompare: (entry: GalleryEntry) =>
      void report(
        decodeImageBlob(entry.image).then((image) => {
          const parsed = parseLayoutJson(entry.layoutJson);
          const layout = parsed.ok ? parsed.document : { caption: '', blobs: [] };
          setCompareBefore({ id: entry.id, layout, settings: entry.settings, image, png: entry.image });
          if (!useRunStore.getState().latest) setFeedback({ tone: 'warning', text: 'Generate an image to compare this one with.' });
        }),
        'This image could not be opened',
      ),
    onDelete: (entry: GalleryEntry) => void report(removeFromGallery(entry.id), 'Could not delete the item'),
  };

  return (
    <section className="studio-gallery" aria-labelledby="studio-gallery-heading" data-testid="gallery-panel">
      <div className="studio-section-head">
        <h3 id="studio-gallery-heading">Gallery ({entries.length})</h3>
        {entries.length > 0 && !confirmingClear ? (
          <button type="button" onClick={() => setConfirmingClear(true)} data-testid="gallery-clear">
            Clear all
          </button>
        ) : null}
      </div>
      {confirmingClear ? (
        <div className="studio-confirm" role="alertdialog" aria-labelledby="studio-clear-question" data-testid="gallery-clear-confirm">
          <p id="studio-clear-question">Delete all {entries.length} images from the gallery? This cannot be undone.</p>
          <div className="studio-button-row">
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirmingClear(false);
                void report(clearGallery(), 'Could not clear the gallery');
              }}
              data-testid="gallery-clear-yes"
            >
              Delete all
            </button>
            <button type="button" onClick={() => setConfirmingClear(false)} data-testid="gallery-clear-no" autoFocus>
              Keep them
            </button>
          </div>
        </div>
      ) : null}
      {problem ? (
        <div className={`studio-message ${problem.kind === 'skipped' ? 'is-warning' : 'is-error'}`} role="alert" data-testid="gallery-problem" data-kind={problem.kind}>
          <p>{problem.message}</p>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismissGalleryProblem}>
            ×
          </button>
        </div>
      ) : null}
      {feedback ? (
        <p className={`studio-message is-${feedback.tone}`} role="status" data-testid="gallery-feedback">
          {feedback.text}
        </p>
      ) : null}
      {status === 'loading' ? <p className="empty-note">Opening the gallery…</p> : null}
      {status === 'ready' && entries.length === 0 ? <p className="empty-note">Generated images appear here and are kept in this browser.</p> : null}
      <ul className="studio-gallery-list">
        {entries.map((entry) => (
          <GalleryCard key={entry.id} entry={entry} actions={actions} />
        ))}
      </ul>
    </section>
  );
}
