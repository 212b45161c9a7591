/** Thrown values → the protocol's error payload, named as the engine names them (src/worker/workerErrors.ts). */
import { serializeError } from '../../worker/workerErrors';
import { EMBED_ERROR_NAMES, type EmbedErrorName } from '../protocol/envelope';
import type { WireError } from '../protocol/events';

const MAX_MESSAGE = 4000;

export function toWireError(error: unknown): WireError {
  const serialized = serializeError(error);
  const name: EmbedErrorName = (EMBED_ERROR_NAMES as readonly string[]).includes(serialized.name) ? (serialized.name as EmbedErrorName) : 'Error';
  const issues = Array.isArray(serialized.fields?.issues) ? serialized.fields.issues.filter((i): i is string => typeof i === 'string').slice(0, 50).map((i) => i.slice(0, 1000)) : undefined;
  // A DOMException (e.g. SecurityError in a sandbox) keeps its own name in the message.
  const message = name === 'Error' && serialized.name !== 'Error' ? `${serialized.name}: ${serialized.message}` : serialized.message;
  return { name, message: message.slice(0, MAX_MESSAGE), ...(issues && issues.length > 0 ? { issues } : {}) };
}
