import { useDocumentStore } from '../../store/documentStore';
import { useSessionStore } from '../../store/sessionStore';
import { BlobListItem } from './BlobListItem';

/**
 * Every blob, topmost first (as in a layers panel); numbers are stacking positions, 1 = bottom,
 * matching the canvas labels and the order of Layout JSON.
 */
export function BlobList() {
  const blobs = useDocumentStore((state) => state.blobs);
  const selectedId = useSessionStore((state) => state.selectedId);
  const hoveredId = useSessionStore((state) => state.hoveredId);
  return (
    <section className="panel-section" aria-labelledby="blob-list-heading">
      <h2 id="blob-list-heading">
        Blobs <span className="count">{blobs.length}</span>
      </h2>
      {blobs.length === 0 ? (
        <p className="empty-note">No blobs yet. Drag on the canvas or press “Add blob”.</p>
      ) : (
        <ol className="blob-list" data-testid="blob-list">
          {blobs
            .map((blob, index) => ({ blob, index }))
            .reverse()
            .map(({ blob, index }) => (
              <BlobListItem
                key={blob.id}
                blob={blob}
                index={index}
                isTop={index === blobs.length - 1}
                isBottom={index === 0}
                selected={blob.id === selectedId}
                hovered={blob.id === hoveredId}
              />
            ))}
        </ol>
      )}
    </section>
  );
}
