/** Public surface of the generation studio (what the app mounts and wires). */
export { StudioPanel, DEFAULT_PACK_URL, type StudioPanelProps } from './StudioPanel';
export { EditorStudioPanel, editorDropHandlers, restoreEditorLayout } from './connectToEditor';
export { classifyDroppedFile, type DroppedFileRoute } from './drop/classifyDroppedFile';
export { handleDroppedFile, type DropHandlers } from './drop/handleDroppedFile';
export type { StudioEngine } from './run/studioEngine';
