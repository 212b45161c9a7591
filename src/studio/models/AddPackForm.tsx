import { useState, type FormEvent } from 'react';
import { packBaseUrl } from '../../runtime/pack/loadPack';
import { parsePackParam } from '../../shell/packUrlParam';
import { readLocalFolderPack } from './localFolderPack';
import { addPackByUrl, addPackFromFolder, downloadPack } from './packManager';

/** Add a pack by its URL, or from a folder on this computer (copied into the store, verified). */
export function AddPackForm() {
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePackParam(url, location.href);
    if (parsed.kind !== 'ok') return setProblem(parsed.kind === 'invalid' ? parsed.message : 'Type the address of a pack folder or its manifest.json.');
    setProblem(null);
    setUrl('');
    void addPackByUrl(packBaseUrl(parsed.url, location.href));
  };
  const pickFolder = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    try {
      const pack = await readLocalFolderPack([...files]);
      setProblem(null);
      await addPackFromFolder(pack.baseUrl, pack.label, pack.manifestText, pack.files);
      await downloadPack(pack.baseUrl);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="studio-pack-add">
      <form onSubmit={submit} className="studio-seed-row">
        <label className="studio-field">
          <span>Add a pack by URL</span>
          <input type="url" value={url} onChange={(e) => setUrl(e.currentTarget.value)} placeholder="https://example.org/packs/my-pack/" data-testid="add-pack-url" />
        </label>
        <button type="submit" data-testid="add-pack-submit">
          Add
        </button>
      </form>
      <label className="studio-field">
        <span>…or from a folder on this computer</span>
        <input type="file" multiple data-testid="add-pack-folder" onChange={(e) => void pickFolder(e.currentTarget.files)} {...{ webkitdirectory: '', directory: '' }} />
      </label>
      {problem ? (
        <p className="studio-message is-error" role="alert" data-testid="add-pack-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
