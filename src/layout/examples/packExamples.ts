/**
 * Ready-made layouts for a pack, written in its own words: the Examples menu loads them, and the
 * caption and description placeholders quote them, so a new person sees what the pack can paint.
 * They are Layout JSON values and come in through the same validation as any import
 * (src/editor/vocabulary/loadExample.ts). Every word in them is in the pack's vocabulary
 * (checked against the pack's real tokenizer in packExamples.test.ts).
 *
 * Packs without entries here (any pack but the default, CLIP ones among them) get no menu.
 */
import { TINY_SHAPES_EXAMPLES } from './tinyShapesExamples';

export interface PackExample {
  /** Stable name for tests and the menu's keys. */
  id: string;
  /** What the menu shows. */
  title: string;
  /** Layout JSON (format "blobgen-layout"), validated when it is loaded. */
  layout: unknown;
  /** One of its blob descriptions, quoted by the description placeholder. */
  sampleDescription: string;
  /** Its caption, quoted by the caption placeholder. */
  sampleCaption: string;
}

/** Pack name (manifest `name`) → its examples, the first quoted by the placeholders. */
const EXAMPLES_BY_PACK: Readonly<Record<string, readonly PackExample[]>> = {
  'blobgen-tiny-shapes': TINY_SHAPES_EXAMPLES,
};

export function packExamples(packName: string | undefined): readonly PackExample[] {
  if (packName === undefined || !Object.prototype.hasOwnProperty.call(EXAMPLES_BY_PACK, packName)) return [];
  return EXAMPLES_BY_PACK[packName] ?? [];
}
