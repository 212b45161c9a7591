import { CanvasResultControls } from './editor/canvas/CanvasResultControls';
import { EditorCanvas } from './editor/canvas/EditorCanvas';
import { DropOverlay } from './editor/DropOverlay';
import { useFileDrop } from './editor/importExport/useFileDrop';
import { usePasteImport } from './editor/importExport/usePasteImport';
import { useEditorShortcuts } from './editor/keyboard/useEditorShortcuts';
import { NoticeArea } from './editor/NoticeArea';
import { SidePanel } from './editor/SidePanel';
import { StorageProblemBanner } from './editor/StorageProblemBanner';
import { Toolbar } from './editor/Toolbar';
import { useStartup } from './editor/useStartup';
import { UpdateBar } from './pwa';
import { EditorStudioPanel, editorDropHandlers } from './shell/connectStudioToEditor';
import { usePackFromUrl } from './shell/usePackFromUrl';
import { handleDroppedFile } from './studio';

// PNGs carrying a layout restore it with their settings; anything else goes to the layout importer.
const routeDroppedFile = (file: File) => void handleDroppedFile(file, editorDropHandlers);

/** The app shell: the only place that mounts the editor and the studio together. */
export function App() {
  useStartup();
  useEditorShortcuts();
  usePasteImport();
  const draggingFile = useFileDrop(routeDroppedFile);
  const packUrl = usePackFromUrl();
  return (
    <div className="app">
      <UpdateBar />
      <Toolbar />
      <StorageProblemBanner />
      <main className="workspace">
        <div className="canvas-area">
          <EditorCanvas />
          <CanvasResultControls />
          <p className="canvas-help">
            Drag empty space to draw · drag a blob to move · handles resize, corner scales, knob rotates (Shift snaps 15°)
            · arrows nudge · [ ] reorder · H shows/hides the layout over the image
          </p>
          <NoticeArea />
        </div>
        <SidePanel>
          <EditorStudioPanel packUrl={packUrl} />
        </SidePanel>
      </main>
      <DropOverlay visible={draggingFile} />
    </div>
  );
}
