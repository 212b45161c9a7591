import { useEffect } from 'react';
import { AddPackForm } from './AddPackForm';
import { formatBytes } from './formatTransfer';
import { chosenPackBaseUrl, usePackCatalog } from './packCatalog';
import { listenToPackStore, refreshAll, usePackManager } from './packManager';
import { PackCard } from './PackCard';
import './models.css';

/**
 * The model manager: the packs on this device and the ones available (built-in default, added by
 * URL, added from a folder), each with size and requirements before any download, its status and
 * its actions; the storage the site uses; which pack Generate uses.
 */
export function ModelManager({ packUrl }: { packUrl: string }) {
  const rows = usePackManager((s) => s.rows);
  const storage = usePackManager((s) => s.storage);
  const persistNote = usePackManager((s) => s.persistNote);
  const defaultStoredNote = usePackManager((s) => s.defaultStoredNote);
  const catalog = usePackCatalog();
  useEffect(() => listenToPackStore(), []);
  useEffect(() => {
    void refreshAll();
  }, [catalog.added]);
  const chosen = chosenPackBaseUrl(catalog);
  return (
    <>
      {defaultStoredNote ? (
        <p className="studio-message is-success" role="status" data-testid="default-pack-stored">
          The default model pack is stored on this device: Generate works offline from now on.
        </p>
      ) : null}
      <details className="studio-disclosure studio-models" data-testid="model-manager">
      <summary>Models</summary>
      <ul className="studio-pack-list">
        {Object.values(rows).map((row) => (
          <PackCard key={row.baseUrl} row={row} chosen={row.baseUrl === chosen || row.baseUrl === packUrl} />
        ))}
      </ul>
      <AddPackForm />
      {storage ? (
        <p className="studio-hint" data-testid="storage-estimate" data-usage={storage.usage} data-quota={storage.quota}>
          Storage: this site uses {formatBytes(storage.usage)} of the {formatBytes(storage.quota)} the browser allows
          {storage.persisted === true ? ' (kept even when the disk runs low)' : storage.persisted === false ? ' (the browser may clear it when the disk runs low)' : ''}.
        </p>
      ) : null}
      {persistNote ? (
        <p className="studio-hint" data-testid="persist-note">
          {persistNote}
        </p>
      ) : null}
      </details>
    </>
  );
}
