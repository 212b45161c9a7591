/**
 * Colour coding of blobs by stacking position, shared by the canvas and the blob list so a
 * person can match the two at a glance. Hues are spaced for distinctness, not meaning.
 */
const PALETTE = [
  '#e4572e', '#2e86de', '#29a36a', '#f0a202', '#8e44ad', '#17a2b8',
  '#d6336c', '#6c8a1f', '#c0652a', '#4c5fd5', '#b8860b', '#2f9e9e',
];

export function blobColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#888888';
}

/** What a blob is called in labels, lists and messages: its 1-based stacking position. */
export function blobLabel(index: number, description: string): string {
  const text = description.trim();
  return `Blob ${index + 1}: ${text === '' ? 'no description' : text}`;
}
