/** Getting a layout out: download as a Layout JSON file, or copy text to the clipboard. */
import { serializeLayoutJson } from '../../layout/layoutJson';
import { getDocument } from '../../store/documentStore';
import { notify } from '../../store/sessionStore';
import { encodeLayoutParam } from './decodeLayoutParam';
import { LAYOUT_URL_PARAM } from './importFromUrl';
import { serializeLlmText } from './llmImport';

export const LAYOUT_FILE_NAME = 'blobgen-layout.json';

export function downloadLayoutJson(): void {
  const file = new Blob([serializeLayoutJson(getDocument())], { type: 'application/json' });
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = LAYOUT_FILE_NAME;
  link.click();
  // Revoked on the next task: the download has taken its own reference by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify('success', `Copied the layout as ${what}.`);
  } catch (error) {
    notify('error', `Could not copy to the clipboard (${error instanceof Error ? error.message : String(error)}).`, [
      'Use “Download JSON” instead, or allow clipboard access for this site.',
    ]);
  }
}

export function copyLayoutJson(): Promise<void> {
  return copyText(serializeLayoutJson(getDocument()), 'Layout JSON');
}

export function copyLlmFormat(): Promise<void> {
  return copyText(serializeLlmText(getDocument()), 'LLM format');
}

/** A link that opens this app with the current layout (`?layout=` base64url Layout JSON). */
export function copyShareLink(): Promise<void> {
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set(LAYOUT_URL_PARAM, encodeLayoutParam(serializeLayoutJson(getDocument())));
  return copyText(url.toString(), 'a link');
}
