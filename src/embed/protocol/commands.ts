/**
 * Host → widget commands of embed protocol version 1 and the one parser the widget runs on every
 * message it accepts. Pure (zod and the pure layout/engine schemas only).
 */
import { z } from 'zod';
import { guidanceSchema, seedSchema, stepsSchema } from '../../engine/samplingSettings';
import { EMBED_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, describeWireValue, isEmbedMessage, issueLines, requestIdSchema, type RequestId } from './envelope';

export const COMMAND_KINDS = ['hello', 'getLayout', 'setLayout', 'generate', 'cancel'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

const noPayload = z.object({}, { error: 'must be an object (or left out)' }).optional();

/** Payload schemas per kind. A layout is checked (and repaired) by the layout module's own importer in the widget. */
export const commandPayloadSchemas = {
  hello: noPayload,
  getLayout: noPayload,
  setLayout: z.object({ layout: z.custom<unknown>((v) => v !== undefined, { error: 'layout is missing' }) }, { error: 'must be an object with a layout' }),
  generate: z
    .object(
      {
        seed: seedSchema.optional(),
        steps: stepsSchema.optional(),
        guidance: guidanceSchema.optional(),
      },
      { error: 'must be an object with optional seed, steps and guidance' },
    )
    .strict()
    .optional(),
  cancel: noPayload,
} as const satisfies Record<CommandKind, z.ZodType>;

export type CommandPayload<K extends CommandKind> = NonNullable<z.infer<(typeof commandPayloadSchemas)[K]>>;
export type EmbedCommand = { [K in CommandKind]: { kind: K; id?: RequestId; payload: CommandPayload<K> } }[CommandKind];

/** What the widget answers for a message it cannot run (InvalidRequestError on the wire). */
export interface CommandRejection {
  id?: RequestId;
  message: string;
  issues: string[];
  supportedVersions: number[];
  supportedKinds: string[];
}

export type CommandParse =
  | { outcome: 'command'; command: EmbedCommand }
  /** Not an embed message at all (another script's traffic): no answer. */
  | { outcome: 'ignored' }
  | { outcome: 'rejected'; rejection: CommandRejection };

function reject(id: RequestId | undefined, message: string, issues: string[] = []): CommandParse {
  return {
    outcome: 'rejected',
    rejection: { ...(id !== undefined ? { id } : {}), message, issues, supportedVersions: [...SUPPORTED_PROTOCOL_VERSIONS], supportedKinds: [...COMMAND_KINDS] },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function parseCommand(data: unknown): CommandParse {
  if (!isEmbedMessage(data)) return { outcome: 'ignored' };
  const rawId = Object.hasOwn(data, 'id') ? data.id : undefined;
  const idParse = requestIdSchema.safeParse(rawId);
  const id = idParse.success ? idParse.data : undefined;
  if (rawId !== undefined && !idParse.success) {
    return reject(undefined, `The request id is ${describeWireValue(rawId)}; it must be a non-empty string of at most 64 characters or a non-negative integer.`);
  }
  if (data.blobgen !== EMBED_PROTOCOL_VERSION) {
    return reject(id, `Protocol version ${describeWireValue(data.blobgen)} is not supported; this widget speaks version ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')} (blobgen: ${String(EMBED_PROTOCOL_VERSION)}).`);
  }
  const kind = data.kind;
  if (typeof kind !== 'string' || !(COMMAND_KINDS as readonly string[]).includes(kind)) {
    return reject(id, `Unknown kind ${describeWireValue(kind)}; version ${String(EMBED_PROTOCOL_VERSION)} supports ${COMMAND_KINDS.join(', ')}.`);
  }
  const commandKind = kind as CommandKind;
  const rawPayload = Object.hasOwn(data, 'payload') ? data.payload : undefined;
  // zod takes any object for z.object, an ArrayBuffer or a Blob included; a payload is plain data.
  if (rawPayload !== undefined && !isPlainObject(rawPayload)) {
    return reject(id, `The ${commandKind} payload is ${describeWireValue(rawPayload)}; it must be a plain object (or left out).`);
  }
  const payload = commandPayloadSchemas[commandKind].safeParse(rawPayload);
  if (!payload.success) return reject(id, `The ${commandKind} payload is invalid.`, issueLines(payload.error));
  return { outcome: 'command', command: { kind: commandKind, ...(id !== undefined ? { id } : {}), payload: payload.data ?? {} } as EmbedCommand };
}
