/**
 * Failures of the pack store (main thread and worker). They do not cross the worker: the worker
 * falls back to using verified bytes from memory when it cannot store them.
 */

/** The browser refused a write for lack of space; said with the numbers. */
export class StorageQuotaError extends Error {
  override name = 'StorageQuotaError';
  constructor(
    message: string,
    readonly usageBytes: number | null,
    readonly quotaBytes: number | null,
    readonly neededBytes: number,
  ) {
    super(message);
  }
}

/** Origin Private File System is missing (old browser, or a private window that forbids it). */
export class PackStoreUnavailableError extends Error {
  override name = 'PackStoreUnavailableError';
}

export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

export function isAbortError(error: unknown): boolean {
  return (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';
}

const MB = 1_000_000;
export const formatMb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** Builds the quota message from `navigator.storage.estimate()` (null numbers when unknown). */
export async function quotaError(what: string, neededBytes: number): Promise<StorageQuotaError> {
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    const estimate = await navigator.storage.estimate();
    usage = estimate.usage ?? null;
    quota = estimate.quota ?? null;
  } catch {
    // The numbers are a help, not a requirement.
  }
  const numbers =
    usage !== null && quota !== null
      ? `This site uses ${formatMb(usage)} of the ${formatMb(quota)} the browser allows (${formatMb(Math.max(0, quota - usage))} free); ${formatMb(neededBytes)} more are needed.`
      : `${formatMb(neededBytes)} more are needed; the browser did not say how much it allows.`;
  return new StorageQuotaError(
    `Not enough storage to keep ${what}. ${numbers} Delete packs you no longer use (Models panel) or free disk space, then press Resume. Nothing half-written was marked ready, and your layouts and gallery are untouched.`,
    usage,
    quota,
    neededBytes,
  );
}
