/**
 * Documented limits on a layout document. Every importer (Layout JSON, LLM format, stored
 * documents, URL parameters) and every editing operation keeps a document within these, so a
 * hostile or broken input can never make the editor, the store or the engine do unbounded work.
 *
 * All lengths are fractions of the image width (docs/architecture.md §2).
 */

/**
 * Most blobs in one layout. The issue requires at least 32; the paper's layouts rarely exceed
 * ~20 objects, and each blob costs one text segment in every cross-attention call.
 */
export const MAX_BLOBS = 64;

/** Text segments one generation encodes at most: negative caption + caption + MAX_BLOBS blobs. */
export const MAX_SEGMENTS = MAX_BLOBS + 2;

/**
 * Text limits are counted in Unicode **code points** (`textLength` in ./textUnits), everywhere:
 * importers, editor fields, counters, the LLM format and notices.
 *
 * Why code points and not UTF-16 units or grapheme clusters: UTF-16 units (`String.length`)
 * count an emoji as two, so the same text was legal in one importer and too long in another.
 * Grapheme clusters are what a person sees, but their boundaries come from the browser's
 * Unicode tables (Intl.Segmenter), which differ between browsers and versions: a layout legal
 * in one browser could be refused in another, and a ZWJ sequence makes one "character" of any
 * length, so a grapheme limit bounds neither bytes nor tokenizer work. Code points are stable
 * everywhere (zod's `.max` on strings counts them too), bound the UTF-8 size (4 bytes each) and
 * are close to what a person counts. A lone surrogate (not valid Unicode, and unable to survive
 * UTF-8 in a file, link or PNG) is refused.
 */
/** Longest blob description, in code points. */
export const MAX_DESCRIPTION_LENGTH = 500;

/** Longest caption, in code points. */
export const MAX_CAPTION_LENGTH = 500;

/** Longest blob id kept on import; longer ids are replaced with fresh ones. */
export const MAX_ID_LENGTH = 64;

/**
 * Largest Layout JSON / LLM-format text accepted for import (1 MiB). A legal 64-blob layout with
 * maximal descriptions is ~40 KB, so this only rejects inputs that are hostile or not layouts.
 */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/**
 * Smallest semi-axis. Below about half a latent cell a blob covers no mask sample at all, and a
 * zero radius would divide by zero in ρ² (contracts.md §1).
 */
export const MIN_RADIUS = 0.005;

/** Largest semi-axis: a blob this size already covers the whole image at any angle. */
export const MAX_RADIUS = 1.5;

/**
 * Range kept for the centre. Blobs may hang off the image (a partly visible object) but not
 * drift arbitrarily far, where they could never be grabbed again.
 */
export const MIN_CENTER = -0.5;
export const MAX_CENTER = 1.5;

/**
 * Per-blob strength: a multiplier on the blob's attention weight (log s is added to the logits of
 * its description's keys, docs/contracts.md §3a). 0 switches the blob off, 1 is as drawn (the
 * default, never stored), 2 doubles its weight; beyond that the softmax saturates and the image
 * breaks up, so imports above it are lowered to it with a warning.
 */
export const MIN_BLOB_STRENGTH = 0;
export const MAX_BLOB_STRENGTH = 2;
export const DEFAULT_BLOB_STRENGTH = 1;

/**
 * Per-blob feather: the width of a soft edge, as a fraction of the image width (0 = hard, the
 * default). A quarter of the image already blurs a blob into its surroundings.
 */
export const MAX_BLOB_FEATHER = 0.25;
