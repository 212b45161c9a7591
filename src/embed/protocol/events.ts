/**
 * Widget → host messages of embed protocol version 1. The loader validates every message it gets
 * with these schemas (the widget is another origin's code: an external input). Pure (zod only),
 * written with `zod/mini` because the loader bundles them (see envelope.ts).
 */
import * as z from 'zod/mini';
import { MAX_BLOBS, MAX_CAPTION_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_ID_LENGTH } from '../../layout/limits';
import { EMBED_ERROR_NAMES, EMBED_PROTOCOL_VERSION, requestIdSchema } from './envelope';

export const EVENT_KINDS = ['ready', 'reply', 'error', 'layoutchange', 'progress', 'result', 'resize'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const shortString = (max: number) => z.string().check(z.maxLength(max));
const finite = z.number();
const positive = z.number().check(z.positive());
const count = z.number().check(z.int(), z.minimum(0));

/**
 * A layout as the widget sends it: what its own importer (src/layout/layoutValidation.ts) produced,
 * so complete blobs with ids. Checked against the same limits (src/layout/limits.ts); the editing
 * limits (radius and centre ranges) are the importer's business, not the wire's.
 */
export const wireLayoutSchema = z.object({
  caption: shortString(MAX_CAPTION_LENGTH),
  blobs: z
    .array(
      z.object({
        id: z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH)),
        cx: finite,
        cy: finite,
        a: positive,
        b: positive,
        theta: finite,
        description: shortString(MAX_DESCRIPTION_LENGTH),
        hidden: z.optional(z.boolean()),
        locked: z.optional(z.boolean()),
      }),
    )
    .check(z.maxLength(MAX_BLOBS)),
});
export type WireLayout = z.infer<typeof wireLayoutSchema>;

export const readyPayloadSchema = z.object({
  version: z.literal(EMBED_PROTOCOL_VERSION),
  commands: z.array(shortString(64)).check(z.maxLength(64)),
  readOnly: z.boolean(),
  /** Browser features the widget could not use here (opaque-origin sandbox, blocked storage). */
  missing: z.array(shortString(200)).check(z.maxLength(16)),
});

export const errorPayloadSchema = z.object({
  name: z.enum(EMBED_ERROR_NAMES),
  message: shortString(4000),
  issues: z.optional(z.array(shortString(1000)).check(z.maxLength(50))),
  supportedVersions: z.optional(z.array(z.number()).check(z.maxLength(16))),
  supportedKinds: z.optional(z.array(shortString(64)).check(z.maxLength(64))),
});
export type WireError = z.infer<typeof errorPayloadSchema>;

export const progressPayloadSchema = z.discriminatedUnion('stage', [
  /** Starting the GPU, downloading (bytes, when known) and preparing the model pack. */
  z.object({ stage: z.literal('load'), detail: shortString(500), loadedBytes: z.optional(z.number().check(z.minimum(0))), totalBytes: z.optional(z.number().check(z.minimum(0))) }),
  z.object({ stage: z.literal('step'), step: count, steps: z.number().check(z.int(), z.positive()) }),
]);
export type EmbedProgress = z.infer<typeof progressPayloadSchema>;

export const resultPayloadSchema = z.object({
  /** The image as a PNG with the layout and settings embedded (drop it on the app to restore it). */
  png: z.instanceof(Blob),
  seed: count,
  steps: z.number().check(z.int(), z.positive()),
  guidance: finite,
  width: z.number().check(z.int(), z.positive()),
  height: z.number().check(z.int(), z.positive()),
  layout: wireLayoutSchema,
});
export type EmbedResult = z.infer<typeof resultPayloadSchema>;

export const layoutChangePayloadSchema = z.object({ layout: wireLayoutSchema });
export const resizePayloadSchema = z.object({ height: z.number().check(z.minimum(0), z.maximum(100_000)) });

/** What a `reply` carries, by the kind of the request it answers. */
export const replyPayloadSchemas = {
  getLayout: z.object({ layout: wireLayoutSchema }),
  setLayout: z.object({ layout: wireLayoutSchema, warnings: z.array(shortString(1000)).check(z.maxLength(100)) }),
  cancel: z.object({ cancelled: z.boolean() }),
} as const;

const version = z.literal(EMBED_PROTOCOL_VERSION);
const id = requestIdSchema;

export const widgetMessageSchema = z.discriminatedUnion('kind', [
  z.object({ blobgen: version, kind: z.literal('ready'), id: z.optional(id), payload: readyPayloadSchema }),
  z.object({ blobgen: version, kind: z.literal('reply'), id, payload: z.unknown() }),
  z.object({ blobgen: version, kind: z.literal('error'), id: z.optional(id), payload: errorPayloadSchema }),
  z.object({ blobgen: version, kind: z.literal('layoutchange'), payload: layoutChangePayloadSchema }),
  z.object({ blobgen: version, kind: z.literal('progress'), id: z.optional(id), payload: progressPayloadSchema }),
  z.object({ blobgen: version, kind: z.literal('result'), id: z.optional(id), payload: resultPayloadSchema }),
  z.object({ blobgen: version, kind: z.literal('resize'), payload: resizePayloadSchema }),
]);
export type WidgetMessage = z.infer<typeof widgetMessageSchema>;

/** Builds a message (the widget's side), typed by kind. */
export function widgetMessage<K extends WidgetMessage['kind']>(kind: K, payload: Extract<WidgetMessage, { kind: K }>['payload'], requestId?: z.infer<typeof id>): Extract<WidgetMessage, { kind: K }> {
  return { blobgen: EMBED_PROTOCOL_VERSION, kind, ...(requestId !== undefined ? { id: requestId } : {}), payload } as Extract<WidgetMessage, { kind: K }>;
}
