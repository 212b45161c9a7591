import { useLayoutProposalStore } from '../llm/layoutProposalStore';
import { toUnits } from './canvasSpace';

const degrees = (radians: number) => (radians * 180) / Math.PI;

/**
 * The layout assistant's proposal as dashed outlines over the canvas, growing while the answer
 * streams. Not part of the document: they take no pointer events and vanish on Accept or Reject.
 */
export function GhostOutlines({ pixel }: { pixel: number }) {
  const status = useLayoutProposalStore((s) => s.status);
  const blobs = useLayoutProposalStore((s) => s.layout?.document.blobs);
  if (status === 'idle' || !blobs || blobs.length === 0) return null;
  return (
    <g className="ghost-outlines" data-testid="ghost-outlines" data-status={status} pointerEvents="none" aria-hidden="true">
      {blobs.map((blob, index) => (
        <g
          key={index}
          className="ghost-blob"
          data-testid="ghost-blob"
          data-description={blob.description}
          transform={`translate(${toUnits(blob.cx)} ${toUnits(blob.cy)}) rotate(${degrees(blob.theta)})`}
        >
          <ellipse rx={toUnits(blob.a)} ry={toUnits(blob.b)} strokeWidth={2 * pixel} strokeDasharray={`${8 * pixel} ${5 * pixel}`} />
        </g>
      ))}
    </g>
  );
}
