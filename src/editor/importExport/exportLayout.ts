/** Getting a layout out: download as a Layout JSON file, or copy text to the clipboard. */
import { serializeLayoutJson } from '../../layout/layoutJson';
import { getDocument } from '../../store/documentStore';
import { notify } from '../../store/sessionStore';
import { encodeLayoutLinkValue, LAYOUT_LINK_KEY, MAX_SHARE_LINK_LENGTH } from '../../layout/layoutLink';
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

/**
 * A link that opens this app with the current layout: compressed Layout JSON in the fragment
 * (`#layout=`, src/layout/layoutLink.ts), which never reaches a server. A layout too large even
 * for that is not cut: the person is told and pointed at the file and the JSON.
 */
export async function copyShareLink(): Promise<void> {
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = '';
  const value = await encodeLayoutLinkValue(serializeLayoutJson(getDocument()));
  const link = `${url.toString()}#${LAYOUT_LINK_KEY}=${value}`;
  if (link.length > MAX_SHARE_LINK_LENGTH) {
    notify('error', `This layout is too large for a link (${String(link.length)} characters; the limit is ${String(MAX_SHARE_LINK_LENGTH)}).`, [
      'Share it as a file with “Download JSON”, or as text with “Copy JSON”.',
    ]);
    return;
  }
  return copyText(link, 'a link');
}
