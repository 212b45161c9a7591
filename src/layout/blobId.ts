/**
 * Fresh blob ids. Ids only need to be unique within a document and stable across edits, undo and
 * export; a random UUID makes ids from two documents (paste, import) collide with vanishing odds.
 */
import { MAX_ID_LENGTH } from './limits';
import type { BlobId } from './types';

let fallbackCounter = 0;

/** A new unique blob id: `crypto.randomUUID()` where available (secure contexts, Node ≥ 19). */
export function newBlobId(): BlobId {
  const cryptoApi = globalThis.crypto as Crypto | undefined;
  if (typeof cryptoApi?.randomUUID === 'function') return cryptoApi.randomUUID();
  // Plain-http origins have no randomUUID; a counter keeps ids unique within this page and the
  // random suffix across pages/documents.
  fallbackCounter += 1;
  return `b${Date.now().toString(36)}-${fallbackCounter.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Pattern of ids kept on import: short, printable and safe as object keys, DOM ids and URLs. */
const SAFE_ID = new RegExp(`^[A-Za-z0-9_-]{1,${String(MAX_ID_LENGTH)}}$`);
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether an imported id can be kept as it is. */
export function isUsableBlobId(id: unknown): id is BlobId {
  return typeof id === 'string' && SAFE_ID.test(id) && !RESERVED_IDS.has(id);
}
