/**
 * The caption and description placeholders, in the loaded pack's own words: a pack with shipped
 * examples quotes them; a closed-vocabulary pack without examples is described by the words it
 * knows; with no word list (an open-vocabulary CLIP pack, or before the pack is known) the hint is
 * plain English that the default pack can paint as well.
 */
import { packExamples } from './packExamples';

/** What the placeholders need to know about the pack (src/llm/packVocabulary.ts has this shape). */
export interface PlaceholderPack {
  packName: string;
  colours: readonly string[];
}

const OPEN_CAPTION = 'The whole picture, e.g. “a red ball under a blue sky”';
const OPEN_DESCRIPTION = 'What this region shows: colour, texture, style, object';

function colourList(pack: PlaceholderPack): string {
  return pack.colours.slice(0, 4).join(', ');
}

export function captionPlaceholder(pack: PlaceholderPack | undefined): string {
  if (!pack) return OPEN_CAPTION;
  const [example] = packExamples(pack.packName);
  if (example) return `The whole picture, e.g. “${example.sampleCaption}”`;
  return pack.colours.length > 0 ? `The whole picture, in words ${pack.packName} knows (${colourList(pack)}, …)` : `The whole picture, in words ${pack.packName} knows`;
}

export function descriptionPlaceholder(pack: PlaceholderPack | undefined): string {
  if (!pack) return OPEN_DESCRIPTION;
  const [example] = packExamples(pack.packName);
  if (example) return `What this region shows, e.g. “${example.sampleDescription}”`;
  return pack.colours.length > 0 ? `What this region shows, in words ${pack.packName} knows (${colourList(pack)}, …)` : `What this region shows, in words ${pack.packName} knows`;
}
