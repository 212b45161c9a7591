import { useEffect, useState } from 'react';
import { importLayoutFile } from './importLayout';
import { setFileRoute } from './fileRoute';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Dropping a file anywhere on the app hands it to `onFile` (by default the layout importer; the
 * app passes a router that also understands PNGs with an embedded layout). Returns whether a file
 * is being dragged over the window, for the drop overlay. `onFile` also becomes the route of the
 * "Open file…" picker (./fileRoute), so a chosen file and a dropped one are read the same way.
 */
export function useFileDrop(onFile: (file: File) => void = (file) => void importLayoutFile(file)): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => setFileRoute(onFile), [onFile]);
  useEffect(() => {
    // dragenter/dragleave fire for every child element; a depth count tells when we really left.
    let depth = 0;
    const onDragEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // allows the drop (otherwise the browser opens the file)
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [onFile]);
  return dragging;
}
