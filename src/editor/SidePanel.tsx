import { BlobList } from './panels/BlobList';
import { CaptionField } from './panels/CaptionField';
import { ImportExportPanel } from './panels/ImportExportPanel';
import { Inspector } from './panels/Inspector';
import { EditorStudioPanel } from '../studio';

/** The right-hand column: everything about the layout that is not drawn on the canvas. */
export function SidePanel() {
  return (
    <aside className="side-panel" aria-label="Layout details">
      <CaptionField />
      <Inspector />
      <BlobList />
      <ImportExportPanel />
      <EditorStudioPanel />
    </aside>
  );
}
