/**
 * Translates the SVG's pointer events (mouse, pen, touch alike) into the gesture session.
 * The SVG captures the pointer on press, so moves keep arriving when the pointer leaves the
 * canvas or the window and nothing jumps; a second finger is ignored while one drags.
 */
import { useCallback, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { getDocument } from '../../store/documentStore';
import { select, setHovered } from '../../store/sessionStore';
import { gestureForPress, isHandleName, type PressTarget } from '../gestures/gestureForPress';
import {
  activePointerId,
  cancelGesture,
  endGesture,
  moveGesture,
  startGesture,
} from '../gestures/gestureSession';
import { clientToImage } from './canvasSpace';

function pressTarget(element: Element | null): PressTarget {
  const owner = element?.closest('[data-blob-id]');
  const id = owner?.getAttribute('data-blob-id');
  const blob = id ? getDocument().blobs.find((candidate) => candidate.id === id) : undefined;
  if (!owner || !blob) return { kind: 'empty' };
  const handle = element?.closest('[data-handle]')?.getAttribute('data-handle') ?? undefined;
  return isHandleName(handle) ? { kind: 'handle', handle, blob } : { kind: 'blob', blob };
}

export function useCanvasPointer(svgRef: RefObject<SVGSVGElement | null>) {
  const onPointerDown = useCallback(
    (event: ReactPointerEvent<SVGSVGElement>) => {
      const svg = svgRef.current;
      // Primary button only; a second finger or pen while a gesture runs is ignored.
      if (!svg || event.button !== 0 || activePointerId() !== null) return;
      event.preventDefault(); // no text selection or native drag while drawing
      const target = pressTarget(event.target instanceof Element ? event.target : null);
      if (target.kind !== 'empty') {
        select(target.blob.id);
        // Keyboard shortcuts and the focus ring follow the blob that was clicked.
        const focusable = svg.querySelector<SVGGElement>(`[data-blob-id="${CSS.escape(target.blob.id)}"][tabindex]`);
        focusable?.focus({ preventScroll: true });
      }
      const pointer = clientToImage(svg, event.clientX, event.clientY);
      const { pointerId } = event;
      svg.setPointerCapture(pointerId);
      startGesture(gestureForPress(target, pointer), pointerId, { x: event.clientX, y: event.clientY }, () => {
        if (svg.hasPointerCapture(pointerId)) svg.releasePointerCapture(pointerId);
      });
    },
    [svgRef],
  );

  const onPointerMove = useCallback(
    (event: ReactPointerEvent<SVGSVGElement>) => {
      const svg = svgRef.current;
      if (!svg) return;
      if (activePointerId() === null) {
        const owner = event.target instanceof Element ? event.target.closest('[data-blob-id]') : null;
        setHovered(owner?.getAttribute('data-blob-id') ?? null);
        return;
      }
      moveGesture(
        event.pointerId,
        { x: event.clientX, y: event.clientY },
        clientToImage(svg, event.clientX, event.clientY),
        { shift: event.shiftKey, alt: event.altKey },
      );
    },
    [svgRef],
  );

  const onPointerUp = useCallback((event: ReactPointerEvent<SVGSVGElement>) => endGesture(event.pointerId), []);

  // The browser took the pointer away (e.g. a touch turned into a system gesture): revert.
  const onPointerCancel = useCallback((event: ReactPointerEvent<SVGSVGElement>) => {
    if (activePointerId() === event.pointerId) cancelGesture();
  }, []);

  // Capture lost without a pointerup (window blur, element removed): keep what was done.
  const onLostPointerCapture = useCallback((event: ReactPointerEvent<SVGSVGElement>) => endGesture(event.pointerId), []);

  const onPointerLeave = useCallback(() => setHovered(null), []);

  return { onPointerDown, onPointerMove, onPointerUp, onPointerCancel, onLostPointerCapture, onPointerLeave };
}
