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

/** Longest blob description, in UTF-16 code units (what `String.length` counts). */
export const MAX_DESCRIPTION_LENGTH = 500;

/** Longest caption, in UTF-16 code units. */
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
