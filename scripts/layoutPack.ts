/**
 * The CLI's view of a model pack folder for the layout prompt: the same fields the worker's `info`
 * answer gives the app (name, description, domain summary, blob limit, tokenizer file and framing,
 * colours), read through the
 * runtime's own manifest parser, so `npm run layout` and the editor prompt a model alike.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackVocabularySource } from '../src/llm/packVocabulary';
import { parseManifest } from '../src/runtime/pack/manifestSchema';

export const DEFAULT_PACK_FOLDER = 'public/models/blobgen-tiny-shapes';

export async function readPackVocabularySource(folder: string): Promise<PackVocabularySource> {
  const manifestPath = join(folder, 'manifest.json');
  const spec = parseManifest(JSON.parse(await readFile(manifestPath, 'utf8')) as unknown);
  const tokenizer = JSON.parse(await readFile(join(folder, spec.tokenizer.file), 'utf8')) as object;
  return {
    name: spec.name,
    description: spec.description,
    tokenizer: { vocabulary: tokenizer, framing: spec.tokenizer.framing },
    ...(spec.colours ? { colours: spec.colours } : {}),
    ...(spec.domainSummary ? { summary: spec.domainSummary } : {}),
    ...(spec.conditioning.maxBlobs ? { maxBlobs: spec.conditioning.maxBlobs } : {}),
  };
}
