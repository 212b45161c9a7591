import { memo } from 'react';
import type { Blob } from '../../layout/types';
import { moveBlobTo } from '../../store/documentEdits';
import { applyEdit } from '../../store/history';
import { select, setHovered } from '../../store/sessionStore';
import { blobColor } from '../../layout/blobColors';
import { deleteBlob, toggleHidden, toggleLocked } from '../commands';
import { ArrowDownIcon, ArrowUpIcon, EyeIcon, EyeOffIcon, LockIcon, TrashIcon, UnlockIcon } from './icons';

interface BlobListItemProps {
  blob: Blob;
  index: number;
  isTop: boolean;
  isBottom: boolean;
  selected: boolean;
  hovered: boolean;
}

/** One row of the blob list: select, reorder, hide, lock, delete. */
export const BlobListItem = memo(function BlobListItem({ blob, index, isTop, isBottom, selected, hovered }: BlobListItemProps) {
  const number = index + 1;
  const description = blob.description.trim();
  const classes = ['blob-row', selected && 'is-selected', hovered && 'is-hovered', blob.hidden && 'is-hidden']
    .filter(Boolean)
    .join(' ');
  return (
    <li
      className={classes}
      data-testid="blob-list-item"
      data-blob-id={blob.id}
      onPointerEnter={() => setHovered(blob.id)}
      onPointerLeave={() => setHovered(null)}
    >
      <button
        type="button"
        className="blob-row-select"
        aria-pressed={selected}
        aria-label={`Select blob ${number}: ${description || 'no description'}`}
        onClick={() => select(blob.id)}
      >
        <span className="swatch" style={{ background: blobColor(index) }} aria-hidden="true">
          {number}
        </span>
        <span className={description ? 'blob-row-text' : 'blob-row-text is-placeholder'}>
          {description || 'No description'}
        </span>
      </button>
      <span className="blob-row-actions">
        <button type="button" className="icon-button on-demand" aria-label={`Bring blob ${number} forward`} title="Bring forward ( ] )"
          disabled={isTop} onClick={() => applyEdit(moveBlobTo(blob.id, index + 1))}>
          <ArrowUpIcon />
        </button>
        <button type="button" className="icon-button on-demand" aria-label={`Send blob ${number} backward`} title="Send backward ( [ )"
          disabled={isBottom} onClick={() => applyEdit(moveBlobTo(blob.id, index - 1))}>
          <ArrowDownIcon />
        </button>
        <button type="button" className="icon-button" aria-label={`Hide blob ${number}`} aria-pressed={Boolean(blob.hidden)}
          title={blob.hidden ? 'Show' : 'Hide'} onClick={() => toggleHidden(blob.id)}>
          {blob.hidden ? <EyeOffIcon /> : <EyeIcon />}
        </button>
        <button type="button" className="icon-button" aria-label={`Lock blob ${number}`} aria-pressed={Boolean(blob.locked)}
          title={blob.locked ? 'Unlock' : 'Lock'} onClick={() => toggleLocked(blob.id)}>
          {blob.locked ? <LockIcon /> : <UnlockIcon />}
        </button>
        <button type="button" className="icon-button danger on-demand" aria-label={`Delete blob ${number}`} title="Delete"
          onClick={() => deleteBlob(blob.id)}>
          <TrashIcon />
        </button>
      </span>
    </li>
  );
});
