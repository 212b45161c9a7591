import { BlobList } from './panels/BlobList';
import { CaptionField } from './panels/CaptionField';
import { ImportExportPanel } from './panels/ImportExportPanel';
import { Inspector } from './panels/Inspector';
import { LlmLayoutPanel } from './llm/LlmLayoutPanel';
import type { ReactNode } from 'react';

/**
 * The right-hand column: everything about the layout that is not drawn on the canvas, then
 * `children` (the app shell passes the generation studio; the editor does not import it).
 */
export function SidePanel({ children }: { children?: ReactNode }) {
  return (
    <aside className="side-panel" aria-label="Layout details">
      <CaptionField />
      <Inspector />
      <BlobList />
      <ImportExportPanel />
      <LlmLayoutPanel />
      {children}
    </aside>
  );
}
