/**
 * A promise that rejects if `promise` has not settled within `ms`: for browser APIs that can hang
 * instead of failing (IndexedDB behind a blocked upgrade, GPU adapter requests on broken drivers).
 * `timeoutError` builds the error, so each caller keeps its own error type. Pure.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
