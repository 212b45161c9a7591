import { z } from 'zod';
import { guidanceSchema, negativeCaptionSchema, seedSchema, stepsSchema, storedSamplerNameSchema } from '../engine/samplingSettings';
import { PngFormatError, readPngChunks, writePngChunks } from './pngChunks';
import { makeItxtChunk, parseItxtChunk } from './pngTextChunk';

/**
 * A generated PNG carries the layout and the settings that made it, so dropping the image back
 * onto the app restores both exactly. Stored as one uncompressed iTXt chunk (UTF-8 JSON).
 */

export const LAYOUT_PNG_KEYWORD = 'blobgen-layout';
/** Larger metadata cannot come from this app (layouts are capped far below it). */
export const MAX_LAYOUT_METADATA_BYTES = 2 * 1024 * 1024;
/** Generated images are small; refuse absurd files before reading them. */
export const MAX_PNG_BYTES = 64 * 1024 * 1024;

const settingsRecordSchema = z.object({
  seed: seedSchema,
  steps: stepsSchema,
  guidance: guidanceSchema,
  sampler: storedSamplerNameSchema,
  /** Only for packs with a negative caption, and only when one was set; PNGs without it (all older ones) mean "none". */
  negativeCaption: negativeCaptionSchema.optional(),
  pack: z.string().max(2048).optional(),
});

/**
 * PNGs (and gallery items) written before the rename call the sampler `scheduler`; read that as
 * `sampler` so older images stay restorable. New records are always written with `sampler`.
 */
function renameLegacySchedulerField(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  if (Object.hasOwn(raw, 'sampler') || !Object.hasOwn(raw, 'scheduler')) return raw;
  const { scheduler, ...rest } = raw as Record<string, unknown>;
  return { ...rest, sampler: scheduler };
}

/** The settings a generated image carries; ranges from src/engine/samplingSettings.ts. */
export const embeddedSettingsSchema = z.preprocess(renameLegacySchedulerField, settingsRecordSchema);
export type EmbeddedSettings = z.infer<typeof settingsRecordSchema>;

const metadataEnvelopeSchema = z.object({
  format: z.literal('blobgen-png'),
  version: z.literal(1),
  layout: z.unknown(),
  settings: embeddedSettingsSchema,
});

export type LayoutPngReadResult =
  | { ok: true; layoutJson: string; settings: EmbeddedSettings }
  | { ok: false; reason: 'not-png' | 'no-layout' | 'invalid'; message: string };

/** Returns a copy of `png` with the layout (Layout JSON v1 object) and settings embedded before IEND. */
export function embedLayoutInPng(png: Uint8Array, layout: unknown, settings: EmbeddedSettings): Uint8Array {
  const chunks = readPngChunks(png).filter((c) => !(c.type === 'iTXt' && isOurChunk(c.data)));
  const text = JSON.stringify({ format: 'blobgen-png', version: 1, layout, settings: embeddedSettingsSchema.parse(settings) });
  chunks.splice(chunks.length - 1, 0, makeItxtChunk(LAYOUT_PNG_KEYWORD, text));
  return writePngChunks(chunks);
}

function isOurChunk(data: Uint8Array): boolean {
  const prefix = `${LAYOUT_PNG_KEYWORD}\0`;
  return data.length > prefix.length && [...prefix].every((ch, i) => data[i] === ch.charCodeAt(0));
}

/**
 * Reads the embedded layout and settings. The layout comes back as JSON text so that callers run
 * it through the one Layout JSON v1 importer (and its hostile-input checks) like any other file.
 */
export function readLayoutFromPng(png: Uint8Array): LayoutPngReadResult {
  if (png.length > MAX_PNG_BYTES) {
    return { ok: false, reason: 'invalid', message: `This PNG is ${(png.length / 2 ** 20).toFixed(1)} MiB; the limit is ${MAX_PNG_BYTES / 2 ** 20} MiB.` };
  }
  let chunks;
  try {
    chunks = readPngChunks(png);
  } catch (error) {
    const message = error instanceof PngFormatError ? error.message : 'The file could not be read as a PNG.';
    return { ok: false, reason: message.startsWith('Not a PNG') ? 'not-png' : 'invalid', message };
  }
  const ours = chunks.find((c) => c.type === 'iTXt' && isOurChunk(c.data));
  if (!ours) {
    return { ok: false, reason: 'no-layout', message: 'This PNG has no BlobGEN layout embedded (only images downloaded from BlobGEN Web carry one).' };
  }
  if (ours.data.length > MAX_LAYOUT_METADATA_BYTES) {
    return { ok: false, reason: 'invalid', message: 'The layout embedded in this PNG is too large to be one of ours.' };
  }
  let envelope;
  try {
    envelope = metadataEnvelopeSchema.safeParse(JSON.parse(parseItxtChunk(ours.data).text));
  } catch (error) {
    const detail = error instanceof PngFormatError ? error.message : 'its JSON is malformed';
    return { ok: false, reason: 'invalid', message: `The layout embedded in this PNG is damaged: ${detail}.` };
  }
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    const where = issue?.path.join('.') || 'metadata';
    return { ok: false, reason: 'invalid', message: `The layout embedded in this PNG is invalid at ${where}: ${issue?.message ?? 'unknown problem'}.` };
  }
  return { ok: true, layoutJson: JSON.stringify(envelope.data.layout), settings: envelope.data.settings };
}
