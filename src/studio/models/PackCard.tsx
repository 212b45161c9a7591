import { formatBytes, formatEta } from './formatTransfer';
import { cancelDownload, deletePack, downloadPack, pauseDownload, choosePackForGenerate, type PackRow, type PackStatus } from './packManager';

function statusText(status: PackStatus, totalBytes: number | null): string {
  switch (status.kind) {
    case 'checking':
      return 'Checking…';
    case 'unavailable':
      return 'Cannot run on this device';
    case 'not-downloaded':
      return status.storedBytes > 0 && totalBytes ? `Paused at ${Math.floor((100 * status.storedBytes) / totalBytes)} %` : 'Not downloaded';
    case 'downloading':
      return `Downloading ${Math.floor((100 * status.loadedBytes) / Math.max(1, status.totalBytes))} %`;
    case 'ready':
      return 'Ready (stored on this device, works offline)';
    case 'update-available':
      return 'Update available (the stored version still works)';
    case 'failed':
      return 'Failed';
  }
}

/** One pack in the model manager: what it is, what it needs, its status and what can be done. */
export function PackCard({ row, chosen }: { row: PackRow; chosen: boolean }) {
  const { facts, status, baseUrl } = row;
  const partial = (status.kind === 'not-downloaded' || status.kind === 'failed') && status.storedBytes > 0;
  const stored = status.kind === 'ready' || status.kind === 'update-available' || partial;
  return (
    <li className={`studio-pack${chosen ? ' is-chosen' : ''}`} data-testid="model-pack" data-base-url={baseUrl} data-status={status.kind} aria-label={facts ? facts.name : row.label}>
      <div className="studio-pack-head">
        <strong>{facts ? `${facts.name} ${facts.version}` : row.label}</strong>
        <span className="studio-hint">{row.kind === 'default' ? 'built-in default' : row.kind === 'folder' ? `from folder ${row.label}` : row.label}</span>
      </div>
      {facts ? (
        <dl className="studio-pack-facts">
          <dt>Licence</dt>
          <dd data-testid="pack-license">{facts.license}</dd>
          <dt>Size</dt>
          <dd data-testid="pack-size">{formatBytes(facts.sizeBytes)}</dd>
          <dt>Knows</dt>
          <dd>{facts.knows || facts.description}</dd>
          <dt>Needs</dt>
          <dd data-testid="pack-requirements">{facts.requirements.join(' · ')}</dd>
        </dl>
      ) : null}
      <p className="studio-pack-status" data-testid="pack-status" role="status">
        {statusText(status, facts?.sizeBytes ?? null)}
        {chosen ? ' · used by Generate' : ''}
      </p>
      {status.kind === 'downloading' ? (
        <label className="studio-progress">
          <span data-testid="pack-progress-text">
            {formatBytes(status.loadedBytes)} of {formatBytes(status.totalBytes)} · {formatBytes(status.rate.bytesPerSecond)}/s · {formatEta(status.rate.etaSeconds)}
          </span>
          <progress max={Math.max(1, status.totalBytes)} value={status.loadedBytes} data-testid="pack-progress" />
        </label>
      ) : null}
      {status.kind === 'failed' || status.kind === 'unavailable' ? (
        <p className="studio-message is-error" role="alert" data-testid="pack-error">
          {status.message}
        </p>
      ) : null}
      <div className="studio-button-row">
        {(status.kind === 'not-downloaded' || status.kind === 'failed') && facts ? (
          <button type="button" onClick={() => void downloadPack(baseUrl)} disabled={!facts} data-testid={partial ? 'pack-resume' : 'pack-download'}>
            {partial ? 'Resume' : `Download ${facts ? formatBytes(facts.sizeBytes) : ''}`}
          </button>
        ) : null}
        {status.kind === 'update-available' ? (
          <button type="button" onClick={() => void downloadPack(baseUrl)} data-testid="pack-update">
            Update
          </button>
        ) : null}
        {status.kind === 'downloading' ? (
          <>
            <button type="button" onClick={() => pauseDownload(baseUrl)} data-testid="pack-pause">
              Pause
            </button>
            <button type="button" onClick={() => void cancelDownload(baseUrl)} data-testid="pack-cancel">
              Cancel
            </button>
          </>
        ) : null}
        {!chosen && status.kind !== 'unavailable' ? (
          <button type="button" onClick={() => choosePackForGenerate(baseUrl)} data-testid="pack-use">
            Use for Generate
          </button>
        ) : null}
        {stored ? (
          <button type="button" onClick={() => void deletePack(baseUrl, false)} data-testid="pack-delete">
            Delete from device
          </button>
        ) : null}
        {row.kind !== 'default' && status.kind !== 'downloading' ? (
          <button type="button" onClick={() => void deletePack(baseUrl, true)} data-testid="pack-remove">
            Remove
          </button>
        ) : null}
      </div>
    </li>
  );
}
