import { useRef, useState } from 'react';
import { copyLayoutJson, copyLlmFormat, copyShareLink, downloadLayoutJson } from '../importExport/exportLayout';
import { openFile } from '../importExport/fileRoute';
import { importLayoutText } from '../importExport/importLayout';

/**
 * Layout JSON download/upload, and a paste box that takes either Layout JSON or the paper's
 * LLM format (prose and code fences around it are fine). Drag-and-drop works anywhere.
 */
export function ImportExportPanel() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [pasted, setPasted] = useState('');
  return (
    <section className="panel-section" aria-labelledby="import-export-heading">
      <h2 id="import-export-heading">Import &amp; export</h2>
      <div className="button-row">
        <button type="button" data-testid="download-json" onClick={downloadLayoutJson}>
          Download JSON
        </button>
        <button type="button" data-testid="open-file" onClick={() => fileInput.current?.click()}>
          Open file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json,.txt,text/plain,.png,image/png"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ''; // choosing the same file again must fire change again
            if (file) openFile(file); // the same route as a drop (PNGs restore their layout)
          }}
        />
        <button type="button" data-testid="copy-json" onClick={() => void copyLayoutJson()}>
          Copy JSON
        </button>
        <button type="button" data-testid="copy-llm" onClick={() => void copyLlmFormat()}>
          Copy LLM format
        </button>
        <button type="button" data-testid="copy-link" onClick={() => void copyShareLink()}>
          Copy link
        </button>
      </div>
      <label className="field-label" htmlFor="paste-input">
        Paste a layout (Layout JSON or LLM format)
      </label>
      <textarea
        id="paste-input"
        data-testid="paste-input"
        rows={4}
        value={pasted}
        spellCheck={false}
        placeholder={'object {major-radius: 120px; minor-radius: 60px; cx: 256px; cy: 300px; angle: 30}\nobject {a red ball}'}
        onChange={(event) => setPasted(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
          // Here Ctrl/Cmd+Enter means "import this text", not the app-wide Generate shortcut.
          event.preventDefault();
          if (importLayoutText(pasted, 'the pasted text')) setPasted('');
        }}
      />
      <div className="button-row">
        <button
          type="button"
          className="primary"
          data-testid="import-pasted"
          disabled={pasted.trim() === ''}
          onClick={() => {
            if (importLayoutText(pasted, 'the pasted text')) setPasted('');
          }}
        >
          Import pasted layout
        </button>
      </div>
      <p className="hint">Ctrl+Enter imports. You can also drop a layout file anywhere on the page, or press Ctrl+V outside a text field. Importing replaces the layout; Undo brings it back.</p>
    </section>
  );
}
