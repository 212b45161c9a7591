/**
 * Public surface of the generation studio (what the app shell mounts and wires; the wiring to the
 * editor's stores is src/shell/connectStudioToEditor.tsx).
 */
export { StudioPanel, type StudioPanelProps } from './StudioPanel';
export { classifyDroppedFile, type DroppedFileRoute } from './drop/classifyDroppedFile';
export { handleDroppedFile, type DropHandlers } from './drop/handleDroppedFile';
export type { StudioEngine } from './run/studioEngine';
