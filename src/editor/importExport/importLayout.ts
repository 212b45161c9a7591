/**
 * Every way a layout comes in (file, drop, paste, URL) ends here, so they share one policy:
 * a valid layout replaces the document as one undoable step and says what was repaired; an
 * invalid one changes nothing and says exactly why.
 */
import { checkImportSize } from '../../layout/importSize';
import { parseLayoutJson } from '../../layout/layoutJson';
import { MAX_IMPORT_BYTES } from '../../layout/limits';
import { decodeUtf8Strict, UTF8_ERROR } from '../../layout/strictUtf8';
import { PNG_SIGNATURE } from '../../png/pngChunks';
import { clipText } from '../../layout/textUnits';
import type { LayoutDocument } from '../../layout/types';
import { replaceDocument } from '../../store/documentEdits';
import { applyEdit } from '../../store/history';
import { notify, select } from '../../store/sessionStore';
import { parseLlmText } from './llmImport';

/** Where the text came from, as the messages name it ("the file layout.json", "the link"). */
export type ImportSource = string;

/**
 * JSON (an object, or anything else JSON-shaped, which then gets the JSON importer's precise
 * message); everything else is read as the LLM format, where prose around the layout is allowed.
 */
export function looksLikeLayoutJson(text: string): boolean {
  return /^[{[]/.test(text.replace(/^\uFEFF/, '').trimStart());
}

function blobCount(doc: LayoutDocument): string {
  return doc.blobs.length === 1 ? '1 blob' : `${String(doc.blobs.length)} blobs`;
}

function accept(doc: LayoutDocument, title: string, details: string[]): void {
  applyEdit(replaceDocument(doc));
  select(null);
  notify(details.length > 0 ? 'warning' : 'success', title, details);
}

export function importLayoutJsonText(text: string, source: ImportSource): boolean {
  const result = parseLayoutJson(text);
  if (!result.ok) {
    notify('error', `Nothing was imported: ${source} is not a valid layout.`, result.errors);
    return false;
  }
  const note = result.warnings.length > 0 ? ' with repairs' : '';
  accept(result.document, `Imported ${blobCount(result.document)} from ${source}${note}.`, result.warnings);
  return true;
}

export function importLlmText(text: string, source: ImportSource): boolean {
  const sizeError = checkImportSize(text);
  if (sizeError) {
    notify('error', `Nothing was imported: ${source} is too large.`, [sizeError]);
    return false;
  }
  const result = parseLlmText(text);
  const rejectedLines = result.rejected.map((line) =>
    line.line === 0 ? line.reason : `Line ${String(line.line)} ignored: ${line.reason} (“${clip(line.text)}”)`,
  );
  const sawLayoutLines = result.rejected.some((line) => line.line > 0);
  // Blob lines that were all refused leave nothing the person meant to bring in: a caption
  // alone must not replace their layout with an empty one.
  if (result.document.blobs.length === 0 && (sawLayoutLines || result.document.caption.trim() === '')) {
    const title = sawLayoutLines
      ? `Nothing was imported: none of the blob lines in ${source} could be used.`
      : `Nothing was imported: no layout lines found in ${source}.`;
    notify('error', title, [
      ...rejectedLines,
      'Expected lines like: object {major-radius: 120px; minor-radius: 60px; cx: 256px; cy: 300px; angle: 30}',
    ]);
    return false;
  }
  const details = [...rejectedLines, ...result.warnings];
  const note = result.rejected.length > 0 ? `; ${String(result.rejected.length)} line(s) ignored` : '';
  accept(result.document, `Imported ${blobCount(result.document)} from ${source} (LLM format)${note}.`, details);
  return true;
}

/** Pasted or dropped text: Layout JSON if it is a JSON object, otherwise the LLM format. */
export function importLayoutText(text: string, source: ImportSource): boolean {
  if (text.trim() === '') {
    notify('error', `Nothing was imported: ${source} is empty.`, []);
    return false;
  }
  return looksLikeLayoutJson(text) ? importLayoutJsonText(text, source) : importLlmText(text, source);
}

/** A chosen or dropped file; its size is checked before it is read. */
export async function importLayoutFile(file: File): Promise<boolean> {
  const source = `the file “${clip(file.name, 60)}”`;
  if (file.size > MAX_IMPORT_BYTES) {
    notify('error', `Nothing was imported: ${source} is too large.`, [
      `It is ${String(file.size)} bytes; a layout file is at most ${String(MAX_IMPORT_BYTES)} bytes.`,
    ]);
    return false;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    notify('error', `Could not read ${source}.`, [error instanceof Error ? error.message : String(error)]);
    return false;
  }
  if (startsWith(bytes, PNG_SIGNATURE)) {
    // Reached only where no PNG route is wired (the app routes PNGs to the layout they carry).
    notify('error', `Nothing was imported: ${source} is a PNG image, not a layout file.`, [
      'Images downloaded from BlobGEN Web carry their layout: drop them on the app or open them with “Open file…”.',
    ]);
    return false;
  }
  // Strict: bytes that are not UTF-8 would otherwise turn into U+FFFD and import as other text.
  const text = decodeUtf8Strict(bytes);
  if (text === undefined) {
    notify('error', `Nothing was imported: ${source} is not a valid layout.`, [`The file ${UTF8_ERROR}`]);
    return false;
  }
  const namedJson = /\.json$/i.test(file.name) || file.type === 'application/json';
  return namedJson && text.trim() !== '' ? importLayoutJsonText(text, source) : importLayoutText(text, source);
}

/** Quotes in notices are cut on code points, never inside a surrogate pair. */
function clip(text: string, max = 80): string {
  return clipText(text, max);
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  return Array.from(prefix).every((byte, i) => bytes[i] === byte);
}
