/** The message of a thrown value, for notices and save statuses (anything can be thrown). Pure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
