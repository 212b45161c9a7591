/**
 * Every way a layout comes in (file, drop, paste, URL) ends here, so they share one policy:
 * a valid layout replaces the document as one undoable step and says what was repaired; an
 * invalid one changes nothing and says exactly why.
 */
import { checkImportSize } from '../../layout/importSize';
import { parseLayoutJson } from '../../layout/layoutJson';
import { MAX_IMPORT_BYTES } from '../../layout/limits';
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
  if (result.document.blobs.length === 0 && result.document.caption.trim() === '') {
    const sawLayoutLines = result.rejected.some((line) => line.line > 0);
    const title = sawLayoutLines
      ? `Nothing was imported: none of the layout lines in ${source} could be used.`
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
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    notify('error', `Could not read ${source}.`, [error instanceof Error ? error.message : String(error)]);
    return false;
  }
  const namedJson = /\.json$/i.test(file.name) || file.type === 'application/json';
  return namedJson && text.trim() !== '' ? importLayoutJsonText(text, source) : importLayoutText(text, source);
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
