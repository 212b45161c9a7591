/**
 * Errors the loader hands to the host page. Wire errors keep the engine's names
 * (`GenerationCancelledError`, `InvalidRequestError`, …; src/embed/protocol/envelope.ts);
 * the loader's own failures are `EmbedConnectionError` (no `ready`) and `EmbedOptionsError`.
 */
import type { WireError } from '../protocol/events';

export class BlobGenEmbedError extends Error {
  readonly issues: readonly string[];
  readonly supportedVersions: readonly number[] | undefined;
  readonly supportedKinds: readonly string[] | undefined;

  constructor(name: string, message: string, details: Partial<Pick<WireError, 'issues' | 'supportedVersions' | 'supportedKinds'>> = {}) {
    super(message);
    this.name = name;
    this.issues = details.issues ?? [];
    this.supportedVersions = details.supportedVersions;
    this.supportedKinds = details.supportedKinds;
  }
}

export function fromWireError(error: WireError): BlobGenEmbedError {
  return new BlobGenEmbedError(error.name, error.message, error);
}
