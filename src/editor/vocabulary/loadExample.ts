/**
 * Loading an example is an import like any other: the shipped Layout JSON is validated by the
 * same parser, then replaces the document as one undo step (applyEdit + replaceDocument, as
 * src/editor/importExport/importLayout.ts does), and the selection is cleared.
 */
import type { PackExample } from '../../layout/examples/packExamples';
import { parseLayoutJsonValue } from '../../layout/layoutJson';
import { replaceDocument } from '../../store/documentEdits';
import { applyEdit } from '../../store/history';
import { notify, select } from '../../store/sessionStore';

export function loadExample(example: PackExample): boolean {
  const result = parseLayoutJsonValue(example.layout);
  if (!result.ok) {
    // A shipped example is checked by its unit test; this guards a broken build, not user input.
    notify('error', `The example “${example.title}” could not be loaded.`, result.errors);
    return false;
  }
  applyEdit(replaceDocument(result.document));
  select(null);
  notify('success', `Loaded the example “${example.title}”. Undo brings your layout back.`, result.warnings);
  return true;
}
