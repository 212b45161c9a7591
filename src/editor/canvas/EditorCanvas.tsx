import { useRef } from 'react';
import { useDocumentStore } from '../../store/documentStore';
import { select, useSessionStore } from '../../store/sessionStore';
import { BlobShape } from './BlobShape';
import { CanvasResult } from './CanvasResult';
import { useCanvasResultStore } from './canvasResultStore';
import { GhostOutlines } from './GhostOutlines';
import { IMAGE_UNITS, VIEW_BOX } from './canvasSpace';
import { ImageFrame } from './ImageFrame';
import { SelectionHandles } from './SelectionHandles';
import { useCanvasPointer } from './useCanvasPointer';
import { usePixelSize } from './usePixelSize';

/** Read-only canvases (the embed widget's readOnly option) only select what is pressed: no drawing, moving or handles. */
function selectPressedBlob(event: { target: EventTarget }): void {
  select(event.target instanceof Element ? (event.target.closest('[data-blob-id]')?.getAttribute('data-blob-id') ?? null) : null);
}

/** The layout canvas: the square image frame, the blobs in stacking order, and the handles. */
export function EditorCanvas({ readOnly = false }: { readOnly?: boolean } = {}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const pixel = usePixelSize(svgRef);
  const pointerHandlers = useCanvasPointer(svgRef);
  const blobs = useDocumentStore((state) => state.blobs);
  const selectedId = useSessionStore((state) => state.selectedId);
  const hoveredId = useSessionStore((state) => state.hoveredId);
  const gesture = useSessionStore((state) => state.gesture);
  const selected = blobs.find((blob) => blob.id === selectedId);
  // With the layout hidden (key H) the canvas only shows the image: nothing to press or draw.
  const layoutVisible = useCanvasResultStore((state) => state.layoutVisible);
  const hasResult = useCanvasResultStore((state) => state.image !== null);
  const showLayout = layoutVisible || readOnly;

  return (
    <svg
      ref={svgRef}
      className={`editor-canvas${hasResult ? ' has-result' : ''}`}
      data-testid="editor-canvas"
      data-gesture={gesture ?? 'idle'}
      viewBox={VIEW_BOX}
      role="group"
      aria-label={
        readOnly
          ? 'Layout (read-only). Tab moves between blobs.'
          : showLayout
            ? 'Layout canvas. Drag on empty space to draw a blob; Tab moves between blobs.'
            : 'Generated image; the layout is hidden (press H to show it).'
      }
      data-readonly={readOnly || undefined}
      data-layout-hidden={!showLayout || undefined}
      {...(readOnly ? { onPointerDown: selectPressedBlob } : showLayout ? pointerHandlers : {})}
      onDoubleClick={(event) => {
        // Double-clicking a blob goes straight to describing it. The click's target is the SVG
        // (it held pointer capture), so look at what is actually under the pointer.
        if (document.elementFromPoint(event.clientX, event.clientY)?.closest('[data-blob-id]')) {
          document.getElementById('description-input')?.focus();
        }
      }}
    >
      <ImageFrame pixel={pixel} />
      {readOnly ? null : <CanvasResult pixel={pixel} />}
      {blobs.map((blob, index) =>
        blob.hidden || !showLayout ? null : (
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
      {showLayout ? <GhostOutlines pixel={pixel} /> : null}
      {!readOnly && showLayout && selected && !selected.hidden && !selected.locked ? <SelectionHandles blob={selected} pixel={pixel} /> : null}
      {blobs.length === 0 && !readOnly && showLayout && !hasResult ? (
        <text className="canvas-hint" x={IMAGE_UNITS / 2} y={IMAGE_UNITS / 2} fontSize={15 * pixel} aria-hidden="true">
          Drag here to draw a blob
        </text>
      ) : null}
    </svg>
  );
}
