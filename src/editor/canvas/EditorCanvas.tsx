import { useRef } from 'react';
import { useDocumentStore } from '../../store/documentStore';
import { useSessionStore } from '../../store/sessionStore';
import { BlobShape } from './BlobShape';
import { IMAGE_UNITS, VIEW_BOX } from './canvasSpace';
import { ImageFrame } from './ImageFrame';
import { SelectionHandles } from './SelectionHandles';
import { useCanvasPointer } from './useCanvasPointer';
import { usePixelSize } from './usePixelSize';

/** The layout canvas: the square image frame, the blobs in stacking order, and the handles. */
export function EditorCanvas() {
  const svgRef = useRef<SVGSVGElement>(null);
  const pixel = usePixelSize(svgRef);
  const pointerHandlers = useCanvasPointer(svgRef);
  const blobs = useDocumentStore((state) => state.blobs);
  const selectedId = useSessionStore((state) => state.selectedId);
  const hoveredId = useSessionStore((state) => state.hoveredId);
  const gesture = useSessionStore((state) => state.gesture);
  const selected = blobs.find((blob) => blob.id === selectedId);

  return (
    <svg
      ref={svgRef}
      className="editor-canvas"
      data-testid="editor-canvas"
      data-gesture={gesture ?? 'idle'}
      viewBox={VIEW_BOX}
      role="group"
      aria-label="Layout canvas. Drag on empty space to draw a blob; Tab moves between blobs."
      {...pointerHandlers}
      onDoubleClick={(event) => {
        // Double-clicking a blob goes straight to describing it. The click's target is the SVG
        // (it held pointer capture), so look at what is actually under the pointer.
        if (document.elementFromPoint(event.clientX, event.clientY)?.closest('[data-blob-id]')) {
          document.getElementById('description-input')?.focus();
        }
      }}
    >
      <ImageFrame pixel={pixel} />
      {blobs.map((blob, index) =>
        blob.hidden ? null : (
          <BlobShape
            key={blob.id}
            blob={blob}
            index={index}
            selected={blob.id === selectedId}
            hovered={blob.id === hoveredId}
            pixel={pixel}
          />
        ),
      )}
      {selected && !selected.hidden && !selected.locked ? <SelectionHandles blob={selected} pixel={pixel} /> : null}
      {blobs.length === 0 ? (
        <text className="canvas-hint" x={IMAGE_UNITS / 2} y={IMAGE_UNITS / 2} fontSize={15 * pixel} aria-hidden="true">
          Drag here to draw a blob
        </text>
      ) : null}
    </svg>
  );
}
