export function resolveChromiumPath(): string;
export const chromiumArgs: string[];
